import { ShipitError } from '../errors.js';
import type { Commit } from '../gate/contract.js';
import { findCommit, listCommits } from '../git/commits.js';
import { GitError, git } from '../git/git.js';
import { hasRemote, isAncestor, remoteDefaultBranch, resolveCommit } from '../git/repo.js';
import type { GitHubSetup } from '../github/client.js';
import { shortSha } from '../text/sha.js';
import { batchFromGitHub } from './github-batch.js';

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

/** The candidate as git has it, and where it comes from: all a plan learns before it reads the state. */
export interface FoundCandidate {
  remote: string | null;
  branch: string;
  ref: string;
  /** Null when `ref` names no commit. */
  commit: Commit | null;
  notes: string[];
}

/**
 * Fetches the branch (unless told not to) and reads the candidate commit. Nothing here hangs on
 * the recorded state, so a plan runs it beside the reading of the state: each git process it
 * waits for is waited for once, not after the state's.
 */
export async function findCandidate(options: Omit<ResolveOptions, 'productionSha'>): Promise<FoundCandidate> {
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
  return { remote, branch, ref, commit: await findCommit(repoRoot, ref), notes };
}

/**
 * Finds the candidate, production and the batch between them. `found`: the candidate as
 * findCandidate read it, when the caller started that early; else it is read here.
 */
export async function resolveContext(
  options: ResolveOptions,
  found?: Promise<FoundCandidate> | FoundCandidate,
): Promise<DeployContext> {
  const { repoRoot } = options;
  const { remote, branch, ref, commit: candidate, notes } = await (found ?? findCandidate(options));
  if (!candidate) {
    if (options.ref) {
      throw new ShipitError('ref-not-found', `--ref ${options.ref}: no such commit, branch or tag`, {
        hint: 'name a commit sha, a branch or a tag that exists (fetch it first if it is on the remote)',
      });
    }
    throw branchMissing(branch, remote);
  }
  const { sha } = candidate;
  const production = options.productionSha ? { sha: options.productionSha } : null;
  const base = options.batchBase ?? production?.sha ?? null;

  let batch: Commit[];
  if (!base) {
    batch = [candidate];
    notes.push('first deploy: no production commit is recorded yet, so the batch is the candidate alone');
  } else {
    // Three questions side by side, each a git process: the last two fail when the base is not in this
    // clone (a shallow one), and are then not asked for.
    const [known, commits, ancestor] = await Promise.allSettled([
      resolveCommit(repoRoot, base),
      listCommits(repoRoot, sha, [base]),
      isAncestor(repoRoot, base, sha),
    ]);
    if (known.status === 'rejected') throw known.reason;
    if (!known.value) {
      batch = await batchFromGitHub(options, base, sha, notes);
    } else {
      if (commits.status === 'rejected') throw commits.reason;
      if (ancestor.status === 'rejected') throw ancestor.reason;
      batch = commits.value;
      if (!ancestor.value) {
        notes.push(
          `production ${shortSha(base)} is not an ancestor of the candidate ${shortSha(sha)} (history rewritten, or commits were excluded): the batch is every commit of the candidate not yet in production`,
        );
      }
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
