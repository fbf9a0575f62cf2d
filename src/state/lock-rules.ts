import { ShipitError } from '../errors.js';
import { maskSecrets } from '../secrets/mask.js';
import { describeLock, type Lock, type LockInfo } from './lock-info.js';
import { lockNotYoursError } from './state-errors.js';
import type { LockRequest } from './state-store.js';

// The lock's rules that hold whatever stores it: who holds it, who may release it.

/** What a new lock says about its holder: this process, now. */
export function newLockInfo(
  request: LockRequest,
  holder: { user: string; host: string },
  secrets: readonly string[],
): LockInfo {
  const info: LockInfo = {
    user: holder.user,
    host: holder.host,
    pid: process.pid,
    since: new Date().toISOString(),
    ...request,
  };
  info.reason = maskSecrets(info.reason, secrets); // the team reads the lock: never a secret in its reason
  return info;
}

export function interruptedWhileLocking(environment: string): ShipitError {
  return new ShipitError('interrupted', `interrupted while taking the ${environment} lock: nothing was deployed`);
}

/** Without --force one may release only one's own manual lock; a deploy's lock, a stale one or another's needs --force. */
export function assertReleasableWithoutForce(lock: Lock, user: string): void {
  if (lock.stale) {
    throw lockNotYoursError(
      `${describeLock(lock)}; the lock is stale (pid ${lock.pid} on ${lock.host} is gone)`,
      '`shipit unlock --force` clears it',
    );
  }
  if (lock.kind !== 'manual' || lock.user !== user) {
    const what = lock.kind === 'manual' ? 'it is not yours' : `a ${lock.kind} holds it`;
    throw lockNotYoursError(`${describeLock(lock)}: ${what}`, '`shipit unlock --force` releases it anyway');
  }
}
