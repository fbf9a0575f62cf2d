import { ShipitError } from '../errors.js';
import type { Commit } from '../gate/contract.js';
import { findCommit, listCommits } from '../git/commits.js';
import { GitError, git } from '../git/git.js';
import { hasRemote, isAncestor, remoteDefaultBranch, resolveCommit } from '../git/repo.js';
import type { GitHubSetup } from '../github/client.js';
import { shortSha } from '../text/sha.js';

export interface DeployContext {
  repoRoot: string;
  environment: string;
  /** The remote shipit reads from and records to, or null for a repository without one. */
  remote: string | null;
  branch: string;
  /** The commit the batch ends at: the branch tip, or --ref. */
  candidate: { sha: string; ref: string };
  production: { sha: string } | null;
  /** Commits going out, newest first. */
  batch: Commit[];
  /** Things the report should say about how the context was read. */
  notes: string[];
}

export interface ResolveOptions {
  repoRoot: string;
  environment: string;
  remote: string;
  /** The configured branch, if any. */
  branch?: string;
  /** A ref or sha given with --ref instead of the branch tip. */
  ref?: string;
  /** How reports name the candidate, when not by `ref` (a promotion: "staging #3"). */
  refLabel?: string;
  /** Fetch the branch from the remote first (default true). */
  fetch?: boolean;
  /** A failed fetch stops a deploy (it would ship a stale tip); elsewhere it is a note. */
  fetchRequired?: boolean;
  /** What is live, from the recorded state (null before the first deploy). */
  productionSha: string | null;
  /** Commits the batch is measured from instead of production (see exclusions). */
  batchBase?: string | null;
  /** The config's GitHub settings: the batch comes from the compare API when this clone lacks it. */
  github?: GitHubSetup;
}

/** Finds the candidate, production and the batch between them. */
export async function resolveContext(options: ResolveOptions): Promise<DeployContext> {
  const { repoRoot } = options;
  const notes: string[] = [];
  const remote = (await hasRemote(repoRoot, options.remote)) ? options.remote : null;
  const branch = await deployedBranch(repoRoot, options.remote, options.branch);

  if (remote && options.fetch !== false) {
    try {
      await git(['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`], {
        cwd: repoRoot,
      });
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      if (/couldn't find remote ref/i.test(error.stderr)) throw branchMissing(branch, remote);
      if (options.fetchRequired) {
        throw new ShipitError('fetch-failed', `could not fetch ${branch} from ${remote}: ${error.message}`, {
          hint: 'check the network and your access to the remote, or pass --no-fetch to deploy what was fetched last',
          cause: error,
        });
      }
      notes.push(`could not fetch ${remote} (${error.message}); using what was last fetched`);
    }
  }

  const ref = options.ref ?? (remote ? `${remote}/${branch}` : branch);
  const production = options.productionSha ? { sha: options.productionSha } : null;
  const base = options.batchBase ?? production?.sha ?? null;
  // Independent questions to git run side by side: each is a process start on the hot path.
  const [candidate, baseKnown] = await Promise.all([
    base ? resolveCommit(repoRoot, ref) : findCommit(repoRoot, ref),
    base ? resolveCommit(repoRoot, base) : null,
  ]);
  if (!candidate) {
    if (options.ref) {
      throw new ShipitError('ref-not-found', `--ref ${options.ref}: no such commit, branch or tag`, {
        hint: 'name a commit sha, a branch or a tag that exists (fetch it first if it is on the remote)',
      });
    }
    throw branchMissing(branch, remote);
  }
  const sha = typeof candidate === 'string' ? candidate : candidate.sha;

  let batch: Commit[];
  if (typeof candidate !== 'string') {
    // No base: findCommit read the candidate's metadata along with its sha.
    batch = [candidate];
    notes.push('first deploy: no production commit is recorded yet, so the batch is the candidate alone');
  } else if (!base || !baseKnown) {
    batch = await batchFromGitHub(options, base as string, sha, notes);
  } else {
    const [commits, ancestor] = await Promise.all([
      listCommits(repoRoot, sha, [base]),
      isAncestor(repoRoot, base, sha),
    ]);
    batch = commits;
    if (!ancestor) {
      notes.push(
        `production ${shortSha(base)} is not an ancestor of the candidate ${shortSha(sha)} (history rewritten, or commits were excluded): the batch is every commit of the candidate not yet in production`,
      );
    }
  }
  return {
    repoRoot,
    environment: options.environment,
    remote,
    branch,
    candidate: { sha, ref: options.refLabel ?? ref },
    production,
    batch,
    notes,
  };
}

/** The branch that ships: the configured one, else the one the remote's HEAD names, else main. */
export async function deployedBranch(repoRoot: string, remote: string, configured?: string): Promise<string> {
  if (configured) return configured;
  const present = await hasRemote(repoRoot, remote);
  return (present ? await remoteDefaultBranch(repoRoot, remote) : null) ?? 'main';
}

function branchMissing(branch: string, remote: string | null): ShipitError {
  const where = remote ? `on ${remote}` : 'in this repository';
  return new ShipitError('branch-not-found', `branch "${branch}" does not exist ${where}`, {
    hint: 'set `branch` in the config to the branch you deploy, or pass --ref <commit>',
  });
}

/**
 * A shallow clone (CI's default fetch-depth) lacks the history between production
 * and the candidate: GitHub's compare API has it. Without GitHub, say how to fetch it.
 */
async function batchFromGitHub(
  options: ResolveOptions,
  base: string,
  head: string,
  notes: string[],
): Promise<Commit[]> {
  const missing = new ShipitError(
    'production-missing',
    `the production commit ${base.slice(0, 12)} is not in this clone`,
    {
      hint: 'fetch the history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout), or configure `github` to read the batch from GitHub',
    },
  );
  if (!options.github?.github) throw missing;
  const [{ getGitHub }, { compareCommits }] = await Promise.all([
    import('../github/client.js'),
    import('../github/compare.js'),
  ]);
  const gh = await getGitHub(options.github, { repoRoot: options.repoRoot, env: process.env });
  const comparison = await compareCommits(gh, base, head);
  notes.push(`the batch comes from GitHub's compare API: this clone lacks ${shortSha(base)}`);
  if (comparison.status === 'diverged') {
    notes.push(
      `production ${shortSha(base)} is not an ancestor of the candidate ${shortSha(head)}: the batch is every commit of the candidate not yet in production`,
    );
  }
  return comparison.commits;
}
