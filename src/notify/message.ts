import type { Lock } from '../state/lock-info.js';
import type { DeployRecord, ExcludedCommit } from '../state/record.js';
import type { NotifyEvent } from './config.js';

/** How many commits of the batch a notification lists; `count` says how many there are. */
export const BATCH_LISTED = 20;

export interface BatchCommit {
  sha: string;
  subject: string;
  author: string;
}

/** What every notification says about one event, whatever it is sent to (docs/notifications.md). */
export interface NotifyMessage {
  event: NotifyEvent;
  environment: string;
  /** Who deployed, rolled back, locked or unlocked. */
  user: string;
  repository: string | null;
  /** The GitHub Actions run, or `github.logUrl`. */
  logUrl: string | null;
  /** The deploy or rollback, as the history records it; null for lock and unlock. */
  deploy: DeployRecord | null;
  /** The commit that goes live (for a deploy, the branch commit its release is built from). */
  commit: { sha: string; subject: string } | null;
  /**
   * A deploy's batch: the commits it ships (excluded ones left out). A rollback's: the commits it
   * takes out of the environment. The first BATCH_LISTED, newest first. Null when unknown (a first deploy).
   */
  batch: { count: number; commits: BatchCommit[] } | null;
  /** The commits this deploy holds back (the record's exclusions). */
  excluded: ExcludedCommit[];
  /** The lock taken (`lock`) or released (`unlock`). */
  lock: LockSummary | null;
}

export type LockSummary = Pick<Lock, 'user' | 'host' | 'since' | 'reason' | 'kind' | 'stale'>;

export function lockSummary(lock: Lock): LockSummary {
  const { user, host, since, reason, kind, stale } = lock;
  return { user, host, since, reason, kind, stale };
}

/** The event a finished deploy or rollback sends: an aborted deploy is a failure (its record says aborted). */
export function outcomeEvent(record: DeployRecord): NotifyEvent {
  if (record.action === 'rollback') return 'rollback';
  return record.status === 'success' || record.status === 'verifying' ? 'success' : 'failure';
}

/** The commits a successful deploy holds back for the first time: what the `exclusion` event is about. */
export function newlyExcluded(record: DeployRecord): ExcludedCommit[] {
  return record.excluded.filter((entry) => entry.deployId === record.id);
}
