import { setTimeout as sleep } from 'node:timers/promises';
import { isShipitError } from '../errors.js';
import { plural } from '../text/plural.js';
import type { createPendingFile } from './pending.js';
import type { DeployRecord, RecordPatch } from './record.js';
import { outcomeNotRecordedError, pendingOutcomeError } from './state-errors.js';
import type { FinishOptions, RepairOutcome, StateStore } from './state-store.js';

type PendingFile = ReturnType<typeof createPendingFile>;

/** What the outcome operations need of a backend: its history, and its lock as a lease. */
interface OutcomeDeps {
  environment: string;
  remote: string | null;
  history: Pick<StateStore, 'listRecords' | 'readRecord' | 'updateRecord'>;
  pending: PendingFile;
  lock: Pick<StateStore, 'readLock'> & {
    /** The lock this process holds (its lease, e.g. a commit sha), if any. */
    heldLock(): string | null;
    /** Releases the lock only if it is still the lease `held`. */
    releaseLockIf(held: string): Promise<boolean>;
  };
}

/** Waits between attempts to write an outcome: a flaky network gets a second and a third chance. */
const RETRY_DELAYS_MS = [300, 1000];

/**
 * The end of a deploy: its outcome reaches the shared history, or stays in the
 * pending file until a later command writes it. Never a record left `running`
 * by a process that is gone, whatever refused the write. Backend-independent:
 * every backend builds its finishRecord, pendingOutcome and repair with it.
 */
export function createOutcomeOperations(deps: OutcomeDeps) {
  const { history, pending, lock, environment, remote } = deps;

  async function writePendingOutcome(): Promise<{ record: DeployRecord; lockReleased: boolean } | null> {
    const outcome = await pending.read();
    // A store on another remote (e.g. the offline fallback of `shipit status`) must not write it: its refs are not the team's.
    if (!outcome || outcome.remote !== remote) return null;
    const current = await history.readRecord(outcome.id);
    const record =
      current.status === 'running' || current.status === 'verifying'
        ? await history.updateRecord(outcome.id, outcome.patch, { log: outcome.log })
        : current; // written meanwhile (by another command on this machine): nothing left to do
    const lockReleased = outcome.lockSha ? await lock.releaseLockIf(outcome.lockSha) : false;
    await pending.remove();
    return { record, lockReleased };
  }

  return {
    writePendingOutcome,

    pendingOutcome: () => pending.read(),

    async assertNoPendingOutcome(): Promise<void> {
      const outcome = await pending.read();
      if (outcome) throw pendingOutcomeError(environment, outcome, await pending.pathOf());
    },

    /** Writes a deploy's final status; on failure keeps it in the pending file and throws what ran and how to repair. */
    async finishRecord(id: number, patch: RecordPatch, options: FinishOptions): Promise<DeployRecord> {
      await pending.save({
        id,
        action: options.action,
        patch,
        log: options.log,
        lockSha: lock.heldLock(),
        remote,
        savedAt: new Date().toISOString(),
      });
      let lastError: unknown;
      for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
        try {
          const record = await history.updateRecord(id, patch, { log: options.log });
          await pending.remove();
          return record;
        } catch (error) {
          lastError = error;
          if (!isShipitError(error) || options.signal?.aborted) break;
          const delay = RETRY_DELAYS_MS[attempt];
          if (delay !== undefined) await sleep(delay);
        }
      }
      throw outcomeNotRecordedError({ environment, id, action: options.action, patch }, lastError);
    },

    /**
     * `shipit repair`: writes a pending outcome, then ends the records a process that is gone
     * left open (no lock, a stale one, or a manual one): `running` becomes `aborted`, and
     * `verifying` becomes `success` with the verdict `interrupted`, as a Ctrl-C in the window
     * records it: the script succeeded, so the release runs, unverified (docs/verify.md).
     */
    async repair(): Promise<RepairOutcome> {
      const flushed = await writePendingOutcome();
      const held = await lock.readLock();
      const deployRunning = held && !held.stale && held.kind !== 'manual';
      const ended = deployRunning
        ? { aborted: [], unverified: [] }
        : await endOrphanedRecords(history, 'shipit repair');
      return { written: flushed?.record ?? null, lockReleased: flushed?.lockReleased ?? false, ...ended };
    },
  };
}

/**
 * Ends the records a process that is gone left open (`by` names who ends them): `running` becomes
 * `aborted`, its outcome unknown; `verifying` becomes `success` with the verdict `interrupted`, as a
 * Ctrl-C in the window records it: the script succeeded, so the release runs, unverified.
 * The caller has made sure no live deploy holds the lock.
 */
export async function endOrphanedRecords(
  history: Pick<StateStore, 'listRecords' | 'updateRecord'>,
  by: string,
): Promise<{ aborted: DeployRecord[]; unverified: DeployRecord[] }> {
  const aborted: DeployRecord[] = [];
  const unverified: DeployRecord[] = [];
  for (const record of await history.listRecords({ limit: 20 })) {
    if (record.status === 'running') {
      const message = `shipit stopped mid-deploy and its outcome is unknown; recorded as aborted by ${by}`;
      aborted.push(await history.updateRecord(record.id, { status: 'aborted', message }));
    } else if (record.status === 'verifying') {
      unverified.push(await history.updateRecord(record.id, unverifiedPatch(record, by)));
    }
  }
  return { aborted, unverified };
}

/** A window whose process is gone: its rounds so far stand, it ends now, unverified. */
function unverifiedPatch(record: DeployRecord, by: string): RecordPatch {
  const window = record.verification;
  const rounds = window ? ` after ${plural(window.roundCount, 'round')}` : '';
  return {
    status: 'success',
    ...(window && { verification: { ...window, finishedAt: new Date().toISOString(), verdict: 'interrupted' } }),
    message: `the script exited 0; shipit stopped during its verification window${rounds}: live, unverified; recorded by ${by} (\`shipit verify\` watches it again)`,
  };
}
