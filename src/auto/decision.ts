import type { DeployRecord } from '../state/store.js';

/**
 * Why a round of `shipit auto` did or did not deploy, in the order the rules are
 * asked: the first that says no is the answer (docs/auto.md lists them).
 */
export type AutoReason =
  | 'deployed'
  | 'deploy-failed'
  | 'locked'
  | 'busy'
  | 'up-to-date'
  | 'failed-before'
  | 'faulty-commits'
  | 'gate-blocked'
  | 'error';

/** A deploy or verification still in progress: auto waits for its outcome. */
export function inProgress(latest: DeployRecord | undefined): DeployRecord | null {
  return latest && (latest.status === 'running' || latest.status === 'verifying') ? latest : null;
}

/**
 * The last deploy of this very candidate failed: auto does not try the same thing
 * again every round. A new commit on the branch, or a person's deploy, moves on.
 */
export function failedBefore(latest: DeployRecord | undefined, candidate: string): DeployRecord | null {
  return latest && latest.action === 'deploy' && latest.status === 'failure' && latest.candidate === candidate
    ? latest
    : null;
}

/** Who a deploy by auto is recorded as: the CI actor that runs it, else the user. */
export function autoActor(env: NodeJS.ProcessEnv, user: string): string {
  return env.GITHUB_ACTOR?.trim() || user;
}
