import { type DeployContext, type ResolveOptions, resolveContext } from '../context/resolve-context.js';
import { ShipitError } from '../errors.js';
import type { Commit } from '../gate/contract.js';
import { readCommit } from '../git/commits.js';
import { isAncestor, resolveCommit } from '../git/repo.js';
import { buildRelease } from '../release/build-release.js';
import { formatConflict } from '../release/explain-conflict.js';
import { resolveExclusions } from '../release/resolve-exclusions.js';
import { shippingBatch } from '../release/shipping-batch.js';
import type { DeployRecord, ExcludedCommit, NewExclusion, StateStore } from '../state/store.js';
import { findRetirements, type Retirement } from './retire-exclusions.js';

export interface PlanOptions extends Omit<ResolveOptions, 'productionSha' | 'batchBase'> {
  exclude?: string[];
  include?: string[];
  reason?: string;
  /** Who holds back the commits named by `exclude`. */
  user?: string;
}

/** An exclusion as a deploy carries it: the commit and who held it back, when and why. */
export interface PlannedExclusion {
  commit: Commit;
  /** Without a deployId: held back by this deploy. */
  record: NewExclusion;
}

export interface DeployPlan {
  context: DeployContext;
  /** What is live now. */
  live: DeployRecord | null;
  /** The commit that goes live: the candidate, or the release commit built without the exclusions. */
  target: string;
  /** The batch the gate sees: the commits going out, minus the excluded ones. */
  shipping: Commit[];
  /** Every exclusion of this release: the standing ones first kept, then the new ones. */
  exclusions: PlannedExclusion[];
  retired: Retirement[];
  /** The candidate is what production already runs (same base, same exclusions). */
  upToDate: boolean;
}

/**
 * Works out what a deploy would ship: the candidate, the batch since the last
 * deployed candidate, the exclusions (standing, new, retired) and the release
 * commit that leaves them out. Writes git objects at most; no ref.
 */
export async function planDeploy(store: StateStore, options: PlanOptions): Promise<DeployPlan> {
  const live = await store.lastSuccessful();
  const context = await resolveContext({
    ...options,
    productionSha: live?.sha ?? null,
    // The next batch starts where the last deployed candidate ended, so the commits that
    // went out are not repeated and the excluded ones are not counted as in production.
    batchBase: live?.candidate ?? null,
  });
  const { repoRoot } = options;
  const candidate = context.candidate.sha;

  const liveIsHere = live ? (await resolveCommit(repoRoot, live.candidate)) !== null : false;
  if (live && liveIsHere && candidate !== live.candidate && (await isAncestor(repoRoot, candidate, live.candidate))) {
    throw new ShipitError(
      'deploy-outdated',
      `${candidate.slice(0, 7)} is older than what ${options.environment} runs (${live.candidate.slice(0, 7)}): going back is a rollback`,
      { hint: `run \`shipit rollback --to ${candidate.slice(0, 7)}\`` },
    );
  }

  const standingRecords = live?.excluded ?? [];
  const standingCommits: Commit[] = [];
  for (const entry of standingRecords) {
    if (await resolveCommit(repoRoot, entry.sha)) standingCommits.push(await readCommit(repoRoot, entry.sha));
  }
  const retired = await findRetirements(repoRoot, {
    standing: standingCommits,
    include: options.include ?? [],
    batch: context.batch,
    candidate,
  });
  const retiredShas = new Set(retired.map((retirement) => retirement.commit.sha));
  const kept = standingCommits.filter((commit) => !retiredShas.has(commit.sha));

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
      const entry = standingRecords.find((standing) => standing.sha === commit.sha) as ExcludedCommit;
      return { commit, record: entry };
    }),
  ];

  let target = candidate;
  if (exclusions.length) {
    const release = await buildRelease(repoRoot, {
      candidate,
      exclusions: exclusions.map(({ commit, record }) => ({ commit, reason: record.reason })),
      batch: context.batch,
    });
    if (release.kind === 'conflict') {
      const [first, ...rest] = formatConflict(release);
      throw new ShipitError('exclude-conflict', [first, ...rest].join('\n'), {
        hint: 'nothing was deployed; exclude the later commits too, or revert the commit on the branch',
      });
    }
    target = release.sha;
  }

  const shipping = shippingBatch(
    context.batch,
    exclusions.map((exclusion) => exclusion.commit),
  );
  const sameExclusions = exclusions.length === standingRecords.length && retired.length === 0 && added.length === 0;
  const upToDate = Boolean(live && live.candidate === candidate && sameExclusions && live.status === 'success');
  return { context, live, target, shipping, exclusions, retired, upToDate };
}
