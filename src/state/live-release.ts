import { type DeployRecord, LIVE_STATUSES } from './record.js';

/** What runs in an environment, read from its history. */
export interface LiveAndLedger {
  /** The newest release that went live and may still run (a rollback included). */
  live: DeployRecord | null;
  /**
   * The newest live deploy: its exclusions are the ones the team holds back. A rollback
   * changes what runs, not which commits are held back (nor those released with --include).
   */
  ledger: DeployRecord | null;
}

/** Reads the live release and the ledger release from records listed newest first. */
export function liveAndLedger(records: readonly DeployRecord[]): LiveAndLedger {
  // A release still in its verification window runs as much as a successful one.
  const live = records.filter((record) => LIVE_STATUSES.includes(record.status));
  return { live: live[0] ?? null, ledger: live.find((record) => record.action === 'deploy') ?? null };
}
