import { ShipitError } from '../errors.js';
import type { Commit } from '../gate/contract.js';
import { git, runGit } from '../git/git.js';
import { gitSupports, versionNeededFor } from '../git/git-version.js';

// `git revert X` onto T is the ort merge of base = X, ours = T, theirs = X's first
// parent. We run that same merge with `git merge-tree --write-tree`, which writes
// objects only: no work tree, no index, no ref, so the user's checkout is never touched.

/** How the installed git lets us name the merge base. */
export type MergeStrategy = 'merge-base-option' | 'synthetic-commits';

export interface RevertStep {
  tree: string;
  /** Paths left with conflicts; empty when the revert applies cleanly. */
  conflictedFiles: string[];
}

export interface TreeState {
  tree: string;
  /** A commit holding `tree`, when there is one already (the candidate). */
  commit?: string;
}

export interface RevertContext {
  cwd: string;
  strategy: MergeStrategy;
  /** Identity for the throwaway commit objects the merge needs. */
  env: Record<string, string>;
  signal?: AbortSignal;
}

/** Picks the fastest way the installed git can do the revert merge; throws when it cannot. */
export async function pickMergeStrategy(cwd: string): Promise<MergeStrategy> {
  if (await gitSupports(cwd, 'merge-tree-merge-base')) return 'merge-base-option';
  if (await gitSupports(cwd, 'merge-tree-write-tree')) return 'synthetic-commits';
  const needed = versionNeededFor('merge-tree-write-tree');
  throw new ShipitError('git-too-old', `building a release with excluded commits needs git >= ${needed}`, {
    hint: `upgrade git (\`git --version\` shows the installed one) to ${needed} or newer`,
  });
}

/** The tree `git revert -m 1 <exclusion>` would leave on top of `ours`, from objects only. */
export async function revertOnto(ours: TreeState, exclusion: Commit, context: RevertContext): Promise<RevertStep> {
  const parentTree = exclusion.parents[0] ? `${exclusion.parents[0]}^{tree}` : await emptyTree(context);
  const args =
    context.strategy === 'merge-base-option'
      ? await mergeBaseOptionArgs(ours, exclusion, parentTree, context)
      : await syntheticCommitArgs(ours, exclusion, parentTree, context);
  const result = await runGit(['merge-tree', '--write-tree', '--name-only', '--no-messages', '-z', ...args], {
    cwd: context.cwd,
    signal: context.signal,
    okExitCodes: [1],
  });
  const [tree = '', ...paths] = result.stdout.split('\0');
  return { tree, conflictedFiles: result.exitCode === 1 ? paths.filter(Boolean) : [] };
}

// git >= 2.40 takes the base as an option; both sides must still be commits there.
async function mergeBaseOptionArgs(ours: TreeState, exclusion: Commit, parentTree: string, context: RevertContext) {
  const [oursCommit, theirsCommit] = await Promise.all([
    ours.commit ?? commitTree(ours.tree, [], context),
    exclusion.parents[0] ?? commitTree(parentTree, [], context),
  ]);
  return [`--merge-base=${exclusion.sha}`, oursCommit, theirsCommit];
}

// git 2.38/2.39 always computes the base itself. Two throwaway commits whose only
// parent is X have exactly one merge base, X, so the merge is the revert's merge.
async function syntheticCommitArgs(ours: TreeState, exclusion: Commit, parentTree: string, context: RevertContext) {
  const [oursCommit, theirsCommit] = await Promise.all([
    commitTree(ours.tree, [exclusion.sha], context),
    commitTree(parentTree, [exclusion.sha], context),
  ]);
  return [oursCommit, theirsCommit];
}

/** A commit object (never a ref) holding `tree`; unreferenced objects are left to `git gc`. */
export function commitTree(
  tree: string,
  parents: string[],
  context: RevertContext,
  message = 'shipit',
): Promise<string> {
  // --no-gpg-sign: a signing prompt would hang an unattended deploy (and a signature
  // would make the sha differ per user). A non-UTF-8 i18n.commitEncoding would add an
  // encoding header: pinned so the object depends on the inputs only.
  const args = [
    '-c',
    'i18n.commitEncoding=UTF-8',
    'commit-tree',
    '--no-gpg-sign',
    ...parents.flatMap((parent) => ['-p', parent]),
    '-F',
    '-',
    tree,
  ];
  return git(args, { cwd: context.cwd, env: context.env, signal: context.signal, input: message });
}

async function emptyTree(context: RevertContext): Promise<string> {
  return git(['mktree'], { cwd: context.cwd, signal: context.signal, input: '' });
}
