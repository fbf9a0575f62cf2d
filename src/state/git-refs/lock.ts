import { setTimeout as sleep } from 'node:timers/promises';
import { type Lock, type LockInfo, lockedError, parseLock, serializeLock } from '../lock-info.js';
import { assertReleasableWithoutForce, interruptedWhileLocking, newLockInfo } from '../lock-rules.js';
import { lockLostError, stateConflictError } from '../state-errors.js';
import type { AcquireOptions, LockRequest, ReleaseOutcome } from '../state-store.js';
import { readCommitMessage, writeCommit, writeTree } from './objects.js';
import type { StoreDeps } from './store-deps.js';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;
const RELEASE_ATTEMPTS = 4;

export function createLockOperations(deps: StoreDeps) {
  const { cwd, environment, ref, refs } = deps;
  /** The lock commit this process took: what it may release or replace without --force. */
  let owned: string | null = null;
  let emptyTree: Promise<string> | undefined;

  async function readLockNow(): Promise<Lock | null> {
    const sha = await refs.read(ref);
    if (!sha) return null;
    const { message, date } = await readCommitMessage(cwd, sha);
    return parseLock(environment, sha, message, date);
  }

  async function writeLockCommit(request: LockRequest): Promise<{ sha: string; info: LockInfo }> {
    const { author, ...holder } = await deps.holder();
    const info = newLockInfo(request, holder, deps.secrets);
    emptyTree ??= writeTree(cwd, []);
    const sha = await writeCommit(cwd, { tree: await emptyTree, parents: [], message: serializeLock(info), author });
    return { sha, info };
  }

  return {
    /** The lock commit this process holds, if any. */
    heldLock: () => owned,

    /** Releases the lock only if it is still the commit `sha` (a deploy's lock left while its outcome was pending). */
    async releaseLockIf(sha: string): Promise<boolean> {
      const released = await refs.swap(ref, sha, null);
      if (released && owned === sha) owned = null;
      return released;
    },

    async readLock(): Promise<Lock | null> {
      await deps.ensureFresh();
      return readLockNow();
    },

    async acquireLock(request: LockRequest, options: AcquireOptions = {}): Promise<Lock> {
      const waitMs = options.waitMs ?? 0;
      const started = Date.now();
      let delay = FIRST_RETRY_MS;
      for (;;) {
        const { sha, info } = await writeLockCommit(request);
        if (await refs.swap(ref, null, sha)) {
          owned = sha;
          if (options.signal?.aborted) {
            // Ctrl-C came while the push was in flight: it finished (a push is never cut half-way), so undo it.
            await refs.swap(ref, sha, null).catch(() => {});
            owned = null;
            throw interruptedWhileLocking(environment);
          }
          return { ...info, environment, sha, stale: false };
        }
        if (options.signal?.aborted) throw interruptedWhileLocking(environment);
        const holder = await readLockNow();
        if (!holder) continue; // released between our attempt and our look: try again at once
        const waited = Date.now() - started;
        if (waited >= waitMs) throw lockedError(holder, waitMs > 0 ? waited : undefined);
        await sleep(Math.min(delay, waitMs - waited), undefined, { signal: options.signal }).catch(() => {
          throw interruptedWhileLocking(environment);
        });
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      }
    },

    async releaseLock(options: { force?: boolean } = {}): Promise<ReleaseOutcome> {
      await deps.ensureFresh();
      for (let attempt = 0; attempt < RELEASE_ATTEMPTS; attempt++) {
        const lock = await readLockNow();
        if (!lock) {
          owned = null;
          return { released: false, lock: null };
        }
        if (lock.sha !== owned && !options.force) {
          if (owned) return { released: false, lock }; // ours was cleared and someone else took it since
          assertReleasableWithoutForce(lock, (await deps.holder()).user);
        }
        if (await refs.swap(ref, lock.sha, null)) {
          owned = null;
          return { released: true, lock };
        }
      }
      throw stateConflictError(ref, RELEASE_ATTEMPTS);
    },

    /** Swaps the lock this process holds for a new one (a rollback leaves "rolled back from X to Y"). */
    async replaceLock(request: LockRequest): Promise<Lock> {
      const { sha, info } = await writeLockCommit(request);
      if (owned && (await refs.swap(ref, owned, sha))) {
        owned = sha;
        return { ...info, environment, sha, stale: false };
      }
      owned = null;
      const holder = await readLockNow();
      throw holder ? lockedError(holder) : lockLostError(environment);
    },
  };
}
