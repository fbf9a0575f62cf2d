import type { Output } from '../cli/output.js';
import { ShipitError } from '../errors.js';
import { liveScriptOf, scriptStillRunningError } from '../state/lock-info.js';
import { endOrphanedRecords } from '../state/outcomes.js';
import { currentUser, describeLock, type Lock } from '../state/store.js';
import { notificationWarning } from './lifecycle.js';
import { type GlobalOptions, loadProject, openProjectStore, type Project } from './project.js';

/** `shipit lock --reason`: nobody deploys or rolls back until `shipit unlock`. */
export async function lockCommand(options: GlobalOptions & { reason?: string }, output: Output): Promise<number> {
  const reason = options.reason?.trim();
  if (!reason) {
    throw new ShipitError('lock-needs-reason', 'shipit lock needs --reason "<why>": the team sees it', {
      hint: 'e.g. shipit lock --reason "database migration until 15:00"',
    });
  }
  const project = await loadProject(options);
  const user = await currentUser(project.repoRoot);
  const store = await openProjectStore(project, user);
  const lock = await store.acquireLock({ kind: 'manual', reason });
  if (output.json) output.printJson({ environment: project.environment, lock: lockJson(lock) });
  output.print(`🔒 ${describeLock(lock)}`);
  await notifyLockChange('lock', project, user, lock, output);
  return 0;
}

/** `shipit unlock [--force]`: releases your lock; --force clears anyone's, or a stale one. */
export async function unlockCommand(options: GlobalOptions & { force?: boolean }, output: Output): Promise<number> {
  const project = await loadProject(options);
  const user = await currentUser(project.repoRoot);
  const store = await openProjectStore(project, user);
  const held = await store.readLock();
  const script = held && liveScriptOf(held);
  if (held && script) throw scriptStillRunningError(held, script);
  const outcome = await store.releaseLock({ force: options.force });
  let aborted: number[] = [];
  let unverified: number[] = [];
  const printJson = () =>
    output.printJson({
      environment: project.environment,
      released: outcome.released ? lockJson(outcome.lock) : null,
      abortedDeploys: aborted,
      unverifiedReleases: unverified,
    });
  if (!outcome.released) {
    if (output.json) printJson();
    output.print(`${project.environment} is not locked.`);
    return 0;
  }
  output.print(`🔓 ${project.environment} unlocked (was: ${describeLock(outcome.lock)})`);
  if (outcome.lock.kind !== 'manual') {
    // The deploy that held this lock is gone: a record it left `running` or `verifying` can never finish.
    const ended = await endOrphanedRecords(store, 'shipit unlock');
    aborted = ended.aborted.map((record) => record.id);
    unverified = ended.unverified.map((record) => record.id);
    for (const id of aborted) output.print(`deploy #${id} was still marked running: recorded as aborted`);
    for (const id of unverified) output.print(`deploy #${id} was still in its verification window: live, unverified`);
  }
  if (output.json) printJson();
  await notifyLockChange('unlock', project, user, outcome.lock, output);
  return 0;
}

/** The team's notifications of a lock change; loaded only when some are configured. */
async function notifyLockChange(event: 'lock' | 'unlock', project: Project, user: string, lock: Lock, output: Output) {
  const entries = project.config.notifications;
  if (!entries.length) return;
  const { sendLockChange } = await import('../notify/lock-notice.js');
  const context = { entries, setup: project.setup, environment: project.environment, user };
  await sendLockChange(event, context, lock, notificationWarning(output));
}

/** A lock in --json output: the shape `status --json` shows (docs/schemas/common.schema.json#/$defs/lock). */
export function lockJson(lock: Lock) {
  const { user, host, since, reason, kind, stale } = lock;
  return { user, host, since, reason, kind, stale };
}
