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

/**
 * What the scan learnt from git, kept across the rounds of one `auto --interval` process:
 * a faulty release's batch never changes (its record's shas are fixed), nor do a commit's
 * message (its reverts) or its presence in the clone once it is here.
 */
export interface FaultyScanCache {
  /** A faulty record's suspects, by `<record id>@<live candidate>`. */
  batches: Map<string, string[]>;
  /** The reverts found in a batch, by its shas. */
  reverts: Map<string, Map<string, string>>;
  /** Shas known to be in this clone. */
  present: Set<string>;
}

export function faultyScanCache(): FaultyScanCache {
  return { batches: new Map(), reverts: new Map(), present: new Set() };
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
  /** Answers of earlier rounds; a fresh one when absent. */
  cache?: FaultyScanCache;
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
  const cache = options.cache ?? faultyScanCache();
  const isHere = async (sha: string) => {
    if (cache.present.has(sha)) return true;
    const here = (await resolveCommit(repoRoot, sha)) !== null;
    if (here) cache.present.add(sha); // an absent one may be fetched by a later round: asked again
    return here;
  };
  const live = options.liveCandidate && (await isHere(options.liveCandidate)) ? options.liveCandidate : null;
  const suspects = new Map<string, number>();
  for (const record of faulty) {
    const key = `${record.id}@${live ?? ''}`;
    let shas = cache.batches.get(key);
    if (!shas) {
      shas = await releaseBatch(repoRoot, record, live, isHere);
      // Empty: its candidate is not in this clone yet, and a later fetch may bring it.
      if (shas.length) cache.batches.set(key, shas);
    }
    for (const sha of shas) if (!suspects.has(sha)) suspects.set(sha, record.id);
  }
  // Reverts are looked for only when a suspect is going out: the common round has none.
  if (!options.shipping.some((commit) => suspects.has(commit.sha))) return [];
  const batchKey = options.batch.map((commit) => commit.sha).join(' ');
  let reverts = cache.reverts.get(batchKey);
  if (!reverts) {
    reverts = await findReverts(repoRoot, options.batch);
    cache.reverts.clear(); // only the latest batch is worth keeping: the branch moves on
    cache.reverts.set(batchKey, reverts);
  }
  const reverted = reverts;
  return options.shipping
    .filter((commit) => suspects.has(commit.sha) && !reverted.has(commit.sha))
    .map((commit) => ({ commit, deployId: suspects.get(commit.sha) as number }));
}

/** The shas a release shipped that are not live yet; none when its candidate is not in this clone. */
async function releaseBatch(
  repoRoot: string,
  record: DeployRecord,
  live: string | null,
  isHere: (sha: string) => Promise<boolean>,
): Promise<string[]> {
  if (!(await isHere(record.candidate))) return [];
  const excluded = new Set(record.excluded.map((entry) => entry.sha));
  const before = record.previousSha && (await isHere(record.previousSha)) ? record.previousSha : null;
  const commits = before
    ? await listCommits(repoRoot, record.candidate, live ? [before, live] : [before])
    : [{ sha: record.candidate }];
  return commits.map((commit) => commit.sha).filter((sha) => !excluded.has(sha));
}
