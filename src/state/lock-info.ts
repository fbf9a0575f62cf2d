import { ShipitError } from '../errors.js';
import { findLiveScript, type LiveScript } from '../exec/live-scripts.js';
import * as z from '../validation/zod.js';
import { currentHost, isProcessAlive } from './identity.js';

export type LockKind = 'deploy' | 'rollback' | 'manual';

/** What a lock says about its holder; stored as JSON in the lock commit's message. */
export interface LockInfo {
  user: string;
  host: string;
  pid: number | null;
  /** ISO 8601 time it was taken. */
  since: string;
  reason: string;
  kind: LockKind;
  deployId?: number;
}

export interface Lock extends LockInfo {
  environment: string;
  /** The lock commit: the lease for releasing or replacing it. */
  sha: string;
  /** Taken by a deploy or rollback on this host whose process is gone (e.g. killed with -9). */
  stale: boolean;
}

// Built on first use: most commands find no lock, and zod's schema building shows in start-up.
let lockInfoSchema: ReturnType<typeof buildLockInfoSchema> | undefined;

const buildLockInfoSchema = () =>
  z.object({
    user: z.string(),
    host: z.string(),
    pid: z.nullable(z.number().check(z.int())),
    since: z.string(),
    reason: z.string(),
    kind: z.enum(['deploy', 'rollback', 'manual']),
    deployId: z.optional(z.number().check(z.int(), z.positive())),
  });

/**
 * A lock ref made by hand (`git push origin HEAD:refs/shipit/production/lock`)
 * still locks: it reads as a manual lock by "unknown" whose reason is the commit subject.
 */
export function parseLock(environment: string, sha: string, message: string, date: string): Lock {
  let info: LockInfo;
  lockInfoSchema ??= buildLockInfoSchema();
  try {
    info = lockInfoSchema.parse(JSON.parse(message));
  } catch {
    const subject = message.split('\n')[0]?.trim() || 'no reason given';
    info = { user: 'unknown', host: '', pid: null, since: date, reason: subject, kind: 'manual' };
  }
  return { ...info, environment, sha, stale: isStale(info) };
}

/**
 * Only locks held for the life of a process can go stale: a manual lock outlives the command that took it.
 * A deploy whose shipit is gone but whose script still runs is not over: its lock is not stale.
 */
function isStale(info: LockInfo): boolean {
  if (info.kind === 'manual' || info.pid === null || info.host !== currentHost()) return false;
  return !isProcessAlive(info.pid) && !findLiveScript(info.pid);
}

/** The deploy or rollback script still running for this lock, when the lock was taken on this host. */
export function liveScriptOf(lock: Lock): LiveScript | null {
  if (lock.kind === 'manual' || lock.pid === null || lock.host !== currentHost()) return null;
  return findLiveScript(lock.pid);
}

/** `unlock --force` must not let a second deploy start while the first one's script still runs. */
export function scriptStillRunningError(lock: Lock, script: LiveScript): ShipitError {
  const which = script.deployId ? ` of #${script.deployId}` : '';
  return new ShipitError(
    'script-still-running',
    `${describeLock(lock)}; refusing to unlock: the ${lock.kind} script${which} still runs (process group ${script.pgid})`,
    {
      hint: `wait for it to finish, or stop it first (kill -TERM -- -${script.pgid}), then run \`shipit unlock --force\``,
    },
  );
}

export function serializeLock(info: LockInfo): string {
  return `${JSON.stringify(info, null, 2)}\n`;
}

/** `production is locked by dev1 since 14:02: "db migration"` */
export function describeLock(lock: Lock): string {
  const where = lock.host && lock.host !== currentHost() ? ` on ${lock.host}` : '';
  return `${lock.environment} is locked by ${lock.user}${where} since ${formatSince(lock.since)}: ${JSON.stringify(lock.reason)}`;
}

export function lockedError(lock: Lock, waitedMs?: number): ShipitError {
  const waited = waitedMs ? ` (waited ${Math.round(waitedMs / 1000)}s)` : '';
  if (lock.stale) {
    return new ShipitError('locked', `${describeLock(lock)}${waited}; the lock is stale`, {
      hint: `the process that took it (pid ${lock.pid} on ${lock.host}) is gone: \`shipit unlock --force\` clears it`,
    });
  }
  const running = lock.kind === 'manual' ? '' : ` (${lock.kind} in progress)`;
  return new ShipitError('locked', `${describeLock(lock)}${running}${waited}`, {
    hint:
      lock.kind === 'manual'
        ? '`shipit unlock` releases it (`--force` if it is not yours)'
        : 'retry when it finishes, or wait for it with `--lock-wait <duration>`',
  });
}

/** "14:02" today, "2026-11-25 14:02" on another day: local time, as the person reading it lives it. */
function formatSince(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const today = new Date();
  const isToday = day === `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  return isToday ? time : `${day} ${time}`;
}
