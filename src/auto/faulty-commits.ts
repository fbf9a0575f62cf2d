import { findReverts } from '../deploy/retire-exclusions.js';
import type { Commit } from '../gate/contract.js';
import { listCommits } from '../git/commits.js';
import { resolveCommit } from '../git/repo.js';
import type { DeployRecord } from '../state/store.js';

/** A commit going out that went out before in a release that failed its verification. */
export interface FaultyCommit {
  commit: Commit;
  /** The faulty release it was in. */
  deployId: number;
}

interface FaultyOptions {
  /** Every record, newest first. */
  records: DeployRecord[];
  /** What the next deploy ships (excluded commits are already left out of it). */
  shipping: Commit[];
  /** Every commit of the next batch, where a revert would be found. */
  batch: Commit[];
  /** The candidate that runs now: commits it holds are live already and need no look. */
  liveCandidate: string | null;
}

/**
 * The commits of the next batch that were in the batch of a `faulty` release
 * (`previousSha..candidate` of its record, minus what it excluded) and that
 * the branch has not reverted since. Auto never ships these on its own: a
 * person excludes them (`deploy --exclude`), reverts them, or deploys by hand.
 * A faulty first deploy (no previousSha) suspects its candidate commit only:
 * suspecting the whole history would stop auto for good.
 */
export async function findFaultyCommits(repoRoot: string, options: FaultyOptions): Promise<FaultyCommit[]> {
  const faulty = options.records.filter((record) => record.status === 'faulty');
  if (faulty.length === 0 || options.shipping.length === 0) return [];
  const live =
    options.liveCandidate && (await resolveCommit(repoRoot, options.liveCandidate)) ? [options.liveCandidate] : [];
  const suspects = new Map<string, number>();
  for (const record of faulty) {
    for (const sha of await releaseBatch(repoRoot, record, live)) {
      if (!suspects.has(sha)) suspects.set(sha, record.id);
    }
  }
  // Reverts are looked for only when a suspect is going out: the common round has none.
  if (!options.shipping.some((commit) => suspects.has(commit.sha))) return [];
  const reverts = await findReverts(repoRoot, options.batch);
  return options.shipping
    .filter((commit) => suspects.has(commit.sha) && !reverts.has(commit.sha))
    .map((commit) => ({ commit, deployId: suspects.get(commit.sha) as number }));
}

/** The shas a release shipped that are not live yet; none when its candidate is not in this clone. */
async function releaseBatch(repoRoot: string, record: DeployRecord, live: string[]): Promise<string[]> {
  if (!(await resolveCommit(repoRoot, record.candidate))) return [];
  const excluded = new Set(record.excluded.map((entry) => entry.sha));
  const before = record.previousSha && (await resolveCommit(repoRoot, record.previousSha)) ? record.previousSha : null;
  const commits = before
    ? await listCommits(repoRoot, record.candidate, [before, ...live])
    : [{ sha: record.candidate }];
  return commits.map((commit) => commit.sha).filter((sha) => !excluded.has(sha));
}
