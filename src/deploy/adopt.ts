import { type ResolveOptions, resolveContext } from '../context/resolve-context.js';
import { ShipitError } from '../errors.js';
import { isAncestor, resolveCommit } from '../git/repo.js';
import type { DeployRecord, StateStore } from '../state/store.js';
import { shortSha } from '../text/sha.js';

export interface AdoptPlan {
  environment: string;
  /** The commit the environment runs, in full. */
  sha: string;
  /** The branch tip it was found on, e.g. `origin/main`. */
  ref: string;
  /** What shipit thought was live; null when nothing is recorded. */
  live: DeployRecord | null;
}

/**
 * Checks what `shipit adopt <rev>` would record: a commit of this repository, on the
 * deployed branch (an ancestor of its tip on the remote, just fetched), and, unless
 * `force`, an environment shipit has never seen go live: adopt is how a team moving
 * from another tool starts its history, not a way to rewrite one.
 */
export async function planAdopt(
  store: StateStore,
  options: Omit<ResolveOptions, 'productionSha' | 'batchBase' | 'ref'> & { rev: string; force?: boolean },
): Promise<AdoptPlan> {
  const { repoRoot, environment, rev } = options;
  const context = await resolveContext({ ...options, productionSha: null, fetchRequired: true });
  const sha = await resolveCommit(repoRoot, rev);
  if (!sha) {
    throw new ShipitError('adopt-unknown-commit', `shipit adopt ${rev}: no such commit in this repository`, {
      hint: 'give the sha the environment runs (7+ characters) or a tag; `git fetch` first if it is new here',
    });
  }
  if (!(await isAncestor(repoRoot, sha, context.candidate.sha))) {
    throw new ShipitError(
      'adopt-not-on-branch',
      `shipit adopt ${rev}: ${shortSha(sha)} is not on ${context.candidate.ref}, the branch ${environment} deploys`,
      {
        hint: 'adopt a commit of the deployed branch (merge it first), or set `branch` in the config to the one you deploy',
      },
    );
  }
  const live = await store.lastSuccessful();
  if (live && !options.force) throw hasHistoryError(environment, live, rev);
  return { environment, sha, ref: context.candidate.ref, live };
}

function hasHistoryError(environment: string, live: DeployRecord, rev: string): ShipitError {
  return new ShipitError(
    'adopt-has-history',
    `${environment} already has a live release recorded (${live.action} #${live.id} of ${shortSha(live.sha)}): adopt starts a history, it does not rewrite one`,
    {
      hint: `if ${environment} was changed outside shipit, record it with \`shipit adopt ${rev} --force --reason "<why>"\``,
    },
  );
}

/**
 * Records, under the lock, that the environment runs `plan.sha`: a record with action
 * `adopt`, already `success`, no script run. The next deploy's batch starts from it, and a
 * rollback may go back to it. The lock is taken and released like a deploy's.
 */
export async function adoptRelease(
  store: StateStore,
  plan: AdoptPlan,
  options: { user: string; reason?: string; force?: boolean; signal?: AbortSignal },
): Promise<DeployRecord> {
  await store.acquireLock(
    { kind: 'deploy', reason: `adopt of ${shortSha(plan.sha)} by ${options.user}` },
    { signal: options.signal },
  );
  try {
    // Under the lock, what is live may have changed since the plan: ask again.
    await store.refresh();
    const live = await store.lastSuccessful();
    if (live && !options.force) throw hasHistoryError(plan.environment, live, shortSha(plan.sha));
    const record = await store.createRecord({
      action: 'adopt',
      sha: plan.sha,
      candidate: plan.sha,
      ref: plan.ref,
      previousSha: live?.sha ?? null,
      excluded: [],
      user: options.user,
    });
    const reason = options.reason?.trim();
    return await store.updateRecord(record.id, {
      status: 'success',
      message: reason ? `adopted: ${reason}` : 'adopted: recorded as live without running a script',
    });
  } finally {
    await store.releaseLock();
  }
}
