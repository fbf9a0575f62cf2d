import { maskStrings } from '../secrets/mask.js';
import { tailLog } from './log-tail.js';
import type { DeployRecord, NewRecord, RecordPatch } from './record.js';

// How records change, whatever stores them: a backend decides where and how atomically, not what.

// `verifying` is not one: the deploy ends when its verification window does.
const TERMINAL = new Set(['success', 'failure', 'aborted', 'faulty']);

/** A deploy that starts now, as `running`; exclusions without a deployId are held back by this very deploy. */
export function startRecord(
  fields: NewRecord,
  id: number,
  environment: string,
  holder: { user: string; host: string },
): DeployRecord {
  return {
    ...withoutUndefined(fields),
    id,
    status: 'running',
    environment,
    excluded: (fields.excluded ?? []).map((entry) => ({ ...entry, deployId: entry.deployId ?? id })),
    user: fields.user ?? holder.user,
    host: holder.host,
    startedAt: fields.startedAt ?? new Date().toISOString(),
  };
}

/** `before` with `patch` applied; reaching a terminal status stamps finishedAt and durationMs, once. */
export function patchRecord(before: DeployRecord, patch: RecordPatch): DeployRecord {
  const record: DeployRecord = { ...before, ...withoutUndefined(patch) };
  if (patch.status && TERMINAL.has(patch.status) && !record.finishedAt) {
    record.finishedAt = new Date().toISOString();
    record.durationMs = Math.max(0, Date.parse(record.finishedAt) - Date.parse(record.startedAt));
  }
  return record;
}

/**
 * The last line of defence: whatever a record carries (a reason typed by a person, an error
 * message), no known secret value is written to the history the whole team can read.
 */
export function maskRecord(record: DeployRecord, secrets: readonly string[]): DeployRecord {
  const { action, status, environment, sha, candidate, previousSha } = record;
  // Its structure stays as it is: a secret that happens to equal "production" must not rename the environment.
  return { ...maskStrings(record, secrets), action, status, environment, sha, candidate, previousSha };
}

/** What the history keeps of a script's output: its end, with no known secret in it. */
export function keptLog(log: string | Buffer, secrets: readonly string[]): Buffer {
  return tailLog(maskStrings(log.toString(), secrets));
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
