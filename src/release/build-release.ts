import type { Commit } from '../gate/contract.js';
import { git } from '../git/git.js';
import { type Conflict, findLaterCommits, type ReleaseConflict } from './explain-conflict.js';
import { type Exclusion, releaseMessage } from './release-message.js';
import { commitTree, pickMergeStrategy, type RevertContext, revertOnto, type TreeState } from './revert-tree.js';

export interface Identity {
  name: string;
  email: string;
}

export interface BuildReleaseOptions {
  /** Full sha of the commit the release is built on (the branch tip going out). */
  candidate: string;
  /** What to hold back, newest first (as `resolveExclusions` returns them); reverted in that order. */
  exclusions: Exclusion[];
  /** The commits going out, newest first: conflicts are explained with them. */
  batch: Commit[];
  /** Author and committer of the release commit (default `shipit`); the dates are the candidate's. */
  identity?: Identity;
  signal?: AbortSignal;
}

export interface ReleaseCommit {
  kind: 'clean';
  sha: string;
  tree: string;
  message: string;
  /** Exclusions whose revert changed nothing: they are already undone on the branch. */
  alreadyUndone: Commit[];
}

const DEFAULT_IDENTITY: Identity = { name: 'shipit', email: 'shipit@localhost' };

/**
 * The candidate with the excluded commits reverted, as one commit whose parent is
 * the candidate: the same tree `git revert [-m 1]` of them, newest first, leaves.
 * Writes git objects only; no ref, index, work tree or HEAD is read or changed.
 */
export async function buildRelease(
  cwd: string,
  options: BuildReleaseOptions,
): Promise<ReleaseCommit | ReleaseConflict> {
  if (options.exclusions.length === 0) throw new Error('buildRelease needs at least one exclusion');
  const [strategy, candidateObject] = await Promise.all([
    pickMergeStrategy(cwd),
    git(['cat-file', 'commit', options.candidate], { cwd, signal: options.signal }),
  ]);
  const { tree: candidateTree, committerDate } = parseCommitHeader(candidateObject);
  const context: RevertContext = {
    cwd,
    strategy,
    env: releaseEnv(options.identity ?? DEFAULT_IDENTITY, committerDate),
    signal: options.signal,
  };
  const start: TreeState = { tree: candidateTree, commit: options.candidate };
  const excludedCommits = options.exclusions.map((exclusion) => exclusion.commit);
  const outcome = await revertAll(start, excludedCommits, context);

  if (outcome.conflicts.length > 0) return explain(outcome.conflicts, start, options, context);
  const message = releaseMessage(options.exclusions);
  const sha = await commitTree(outcome.tree, [options.candidate], context, message);
  return { kind: 'clean', sha, tree: outcome.tree, message, alreadyUndone: outcome.alreadyUndone };
}

interface RevertAllOutcome {
  tree: string;
  conflicts: Omit<Conflict, 'laterCommits'>[];
  alreadyUndone: Commit[];
}

async function revertAll(start: TreeState, exclusions: Commit[], context: RevertContext): Promise<RevertAllOutcome> {
  let current = start;
  const conflicts: RevertAllOutcome['conflicts'] = [];
  const alreadyUndone: Commit[] = [];
  for (const exclusion of exclusions) {
    const step = await revertOnto(current, exclusion, context);
    // A conflicting revert is left out so the next ones are still tried: the user
    // learns about every conflict in one run.
    if (step.conflictedFiles.length > 0) {
      conflicts.push({ exclusion, files: step.conflictedFiles });
      continue;
    }
    if (step.tree === current.tree) alreadyUndone.push(exclusion);
    current = { tree: step.tree };
  }
  return { tree: current.tree, conflicts, alreadyUndone };
}

async function explain(
  found: RevertAllOutcome['conflicts'],
  start: TreeState,
  options: BuildReleaseOptions,
  context: RevertContext,
): Promise<ReleaseConflict> {
  const excluded = new Set(options.exclusions.map((exclusion) => exclusion.commit.sha));
  const range = { candidate: options.candidate, batch: options.batch, excluded, signal: options.signal };
  const conflicts = await Promise.all(
    found.map(async ({ exclusion, files }) => ({
      exclusion,
      files,
      laterCommits: await findLaterCommits(context.cwd, exclusion, files, range),
    })),
  );
  const wanted = new Set([...excluded, ...conflicts.flatMap((conflict) => conflict.laterCommits.map((c) => c.sha))]);
  const inBatch = new Set(options.batch.map((commit) => commit.sha));
  const outsideBatch = options.exclusions.map((exclusion) => exclusion.commit).filter((c) => !inBatch.has(c.sha));
  const suggestion = [...options.batch.filter((commit) => wanted.has(commit.sha)), ...outsideBatch];

  let suggestionApplies = false;
  if (suggestion.length > excluded.size) {
    const retry = await revertAll(start, suggestion, context);
    suggestionApplies = retry.conflicts.length === 0;
  }
  return { kind: 'conflict', conflicts, suggestion, suggestionApplies };
}

// The raw object rather than `git log --format`: no user config (log.showSignature…) changes it.
function parseCommitHeader(object: string): { tree: string; committerDate: string } {
  const tree = /^tree ([0-9a-f]+)$/m.exec(object)?.[1];
  const date = /^committer .*> (\d+) ([+-]\d{4})$/m.exec(object);
  if (!tree || !date) throw new Error('unreadable candidate commit object');
  // `@` marks seconds since the epoch whatever their number of digits.
  return { tree, committerDate: `@${date[1]} ${date[2]}` };
}

/**
 * Everything git puts in a commit object besides the tree, parents and message,
 * taken from the inputs: the same candidate and exclusions give the same release
 * sha on every clone, for every user, at any time, so the sha `check` judged is
 * the sha `deploy` ships. The dates are the candidate's committer date.
 */
function releaseEnv(identity: Identity, date: string): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
    GIT_COMMITTER_DATE: date,
  };
}
