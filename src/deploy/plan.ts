import { type DeployContext, findCandidate, type ResolveOptions, resolveContext } from '../context/resolve-context.js';
import { ShipitError } from '../errors.js';
import type { Commit } from '../gate/contract.js';
import { readCommit } from '../git/commits.js';
import { isAncestor, resolveCommit } from '../git/repo.js';
import { buildRelease } from '../release/build-release.js';
import { formatConflict, type ReleaseConflict } from '../release/explain-conflict.js';
import { resolveExclusions } from '../release/resolve-exclusions.js';
import { shippingBatch } from '../release/shipping-batch.js';
import { liveAndLedger } from '../state/live-release.js';
import type { DeployRecord, NewExclusion, StateStore } from '../state/store.js';
import { shortSha } from '../text/sha.js';
import type { Promotion } from './promote.js';
import { findReleasedCommits, findRetirements, findReverts, type Retirement } from './retire-exclusions.js';

export interface PlanOptions extends Omit<ResolveOptions, 'productionSha' | 'batchBase'> {
  exclude?: string[];
  include?: string[];
  reason?: string;
  /** Who holds back the commits named by `exclude`. */
  user?: string;
  /** Return a release that cannot be built as `conflict` instead of throwing (for `status`). */
  keepConflict?: boolean;
  /** Ctrl-C: stops the release build's git processes. */
  signal?: AbortSignal;
  /** `deploy --from`: ship this release commit with these exclusions (`ref` is its candidate). */
  promoted?: Pick<Promotion, 'sha' | 'excluded'>;
  /** The history as the caller just read it (newest first), so it is not read twice. */
  records?: DeployRecord[];
}

/** An exclusion as a deploy carries it: the commit and who held it back, when and why. */
export interface PlannedExclusion {
  commit: Commit;
  /** Without a deployId: held back by this deploy. */
  record: NewExclusion;
}

export interface DeployPlan {
  /** The batch in it is every commit going out, excluded ones included, released ones added. */
  context: DeployContext;
  /** What is live now. */
  live: DeployRecord | null;
  /** The commit that goes live: the candidate, or the release commit built without the exclusions. */
  target: string;
  /** The batch the gate sees: the commits going out, minus the excluded ones. */
  shipping: Commit[];
  /** Every exclusion of this release: the new ones first, then the standing ones kept. */
  exclusions: PlannedExclusion[];
  retired: Retirement[];
  /** The candidate is what production already runs (same base, same exclusions). */
  upToDate: boolean;
  /** Only with `keepConflict`: the exclusions cannot be reverted; `target` is then the candidate. */
  conflict: ReleaseConflict | null;
}

/**
 * Works out what a deploy would ship: the candidate, the batch since the last
 * deployed candidate, the exclusions (standing, new, retired) and the release
 * commit that leaves them out. Writes git objects at most; no ref. `check`,
 * `status` and `deploy` all read it, so they agree on every one of these.
 */
export async function planDeploy(store: StateStore, options: PlanOptions): Promise<DeployPlan> {
  // The candidate does not hang on the state: git reads both at once. A fetch of the branch never
  // races the state's own: every caller has fetched the state (first read, refresh) by now.
  const found = findCandidate(options);
  found.catch(() => undefined); // its error is resolveContext's to throw, after the state's own
  const { live, ledger } = liveAndLedger(options.records ?? (await store.listRecords()));
  const resolved = await resolveContext(
    {
      ...options,
      productionSha: live?.sha ?? null,
      // The next batch starts where the live candidate ended, so the commits that went
      // out are not repeated and the excluded ones are not counted as in production.
      batchBase: live?.candidate ?? null,
    },
    found,
  );
  const { repoRoot } = options;
  const candidate = resolved.candidate.sha;

  if (live && candidate !== live.candidate && (await isOlderThanLive(repoRoot, candidate, live.candidate))) {
    throw new ShipitError(
      'deploy-outdated',
      `${shortSha(candidate)} is older than what ${options.environment} runs (${shortSha(live.candidate)}): going back is a rollback`,
      { hint: `run \`shipit rollback --to ${shortSha(candidate)}\`` },
    );
  }

  // A promotion carries the source's exclusions, not this environment's: it ships what the source runs.
  const standingRecords: NewExclusion[] = options.promoted?.excluded ?? ledger?.excluded ?? [];
  const standingCommits: Commit[] = [];
  for (const entry of standingRecords) {
    if (await resolveCommit(repoRoot, entry.sha)) standingCommits.push(await readCommit(repoRoot, entry.sha));
  }
  const heldBack = (live?.excluded ?? []).map((entry) => entry.sha);
  const reverts =
    standingCommits.length || heldBack.length ? await findReverts(repoRoot, resolved.batch) : new Map<string, string>();
  const retired = options.promoted
    ? []
    : await findRetirements(repoRoot, {
        standing: standingCommits,
        include: options.include ?? [],
        reverts,
        candidate,
      });
  const retiredShas = new Set(retired.map((retirement) => retirement.commit.sha));
  const kept = standingCommits.filter((commit) => !retiredShas.has(commit.sha));
  const inBatch = new Set(resolved.batch.map((commit) => commit.sha));
  const released = await findReleasedCommits(repoRoot, {
    heldBack: heldBack.filter((sha) => !inBatch.has(sha)),
    stillExcluded: new Set(kept.map((commit) => commit.sha)),
    reverts,
    candidate,
  });
  // Held back from what runs now and going out with this deploy: the checks must see them.
  const context = { ...resolved, batch: [...resolved.batch, ...released] };

  const named = options.exclude?.length
    ? await resolveExclusions(repoRoot, options.exclude, {
        batch: context.batch,
        productionSha: live?.sha ?? null,
        candidate,
        standing: kept,
      })
    : [];
  const keptShas = new Set(kept.map((commit) => commit.sha));
  const added = named.filter((commit) => !keptShas.has(commit.sha));

  const exclusions: PlannedExclusion[] = [
    ...added.map((commit) => ({
      commit,
      record: {
        sha: commit.sha,
        subject: commit.subject,
        reason: options.reason ?? '',
        by: options.user ?? 'unknown',
      },
    })),
    ...kept.map((commit) => {
      const entry = standingRecords.find((standing) => standing.sha === commit.sha) as NewExclusion;
      return { commit, record: entry };
    }),
  ];

  let target = options.promoted?.sha ?? candidate;
  let conflict: ReleaseConflict | null = null;
  if (exclusions.length && !options.promoted) {
    const release = await buildRelease(repoRoot, {
      candidate,
      exclusions: exclusions.map(({ commit, record }) => ({ commit, reason: record.reason })),
      batch: context.batch,
      signal: options.signal,
    });
    if (release.kind === 'clean') target = release.sha;
    else if (options.keepConflict) conflict = release;
    else throw conflictError(release, kept.length > 0);
  }

  const excludedCommits = exclusions.map((exclusion) => exclusion.commit);
  const shipping = shippingBatch(context.batch, excludedCommits);
  const liveExcluded = new Set(heldBack);
  const sameExclusions =
    excludedCommits.length === liveExcluded.size && excludedCommits.every((commit) => liveExcluded.has(commit.sha));
  const upToDate = Boolean(live && live.candidate === candidate && sameExclusions);
  return { context, live, target, shipping, exclusions, retired, upToDate, conflict };
}

// Whether the candidate is behind what runs (a rollback, not a deploy). The first two answers are
// resolveContext's, kept by git/repo.ts: the usual deploy (forward of live) starts no git process here.
async function isOlderThanLive(repoRoot: string, candidate: string, liveCandidate: string): Promise<boolean> {
  if ((await resolveCommit(repoRoot, liveCandidate)) === null) return false;
  if (await isAncestor(repoRoot, liveCandidate, candidate)) return false;
  return isAncestor(repoRoot, candidate, liveCandidate);
}

function conflictError(release: ReleaseConflict, hasStanding: boolean): ShipitError {
  const include = hasStanding ? ', `--include` a standing exclusion that is fixed,' : '';
  return new ShipitError('exclude-conflict', formatConflict(release).join('\n'), {
    hint: `nothing was deployed; exclude the later commits too${include} or revert the commit on the branch`,
  });
}
