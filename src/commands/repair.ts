import type { Output } from '../cli/output.js';
import { ExitCode } from '../errors.js';
import { currentUser, describeLock } from '../state/store.js';
import { lockJson } from './lock.js';
import { type GlobalOptions, loadProject, openProjectStore } from './project.js';

/**
 * `shipit repair`: brings the shared history back to the truth after a fault.
 * A deploy whose outcome the remote refused kept it on this machine: it is
 * written now. A record still `running` with no deploy holding the lock (its
 * process was killed) is recorded as aborted; one still `verifying` as live,
 * unverified (`success`, verdict `interrupted`). Safe to run at any time.
 */
export async function repairCommand(options: GlobalOptions & { json?: boolean }, output: Output): Promise<number> {
  const project = await loadProject(options);
  const store = await openProjectStore(project, await currentUser(project.repoRoot));
  const pending = await store.pendingOutcome();
  const { written, lockReleased, aborted, unverified } = await store.repair();
  if (written) {
    output.print(`deploy history: #${written.id} recorded as ${written.status} (${written.message ?? 'no message'})`);
    if (lockReleased) output.print(`🔓 the ${project.environment} lock it kept is released`);
  } else if (pending) {
    output.print(`#${pending.id} was already recorded; the copy kept on this machine is removed`);
  }
  for (const record of aborted) {
    output.print(`#${record.id} was still marked running with no deploy holding the lock: recorded as aborted`);
  }
  for (const record of unverified) {
    output.print(
      `#${record.id} was still verifying with no deploy holding the lock: recorded as live, unverified (\`shipit verify\` watches it again)`,
    );
  }
  const lock = await store.readLock();
  if (lock?.stale) {
    // Stale means taken on this machine by a process that is gone: certain enough to clear without asking.
    await store.releaseLock({ force: true });
    output.print(`🔓 released a stale lock (was: ${describeLock(lock)})`);
  } else if (lock && lock.kind !== 'manual') {
    output.print(`${describeLock(lock)}: a ${lock.kind} is in progress, its record is left as it is`);
  }
  if (!written && !pending && !aborted.length && !unverified.length && !lock?.stale)
    output.print(`Nothing to repair: the ${project.environment} history is up to date.`);
  if (output.json) {
    output.printJson({
      environment: project.environment,
      written,
      alreadyRecorded: !written && pending ? pending.id : null,
      lockReleased,
      abortedDeploys: aborted.map((record) => record.id),
      unverifiedReleases: unverified.map((record) => record.id),
      staleLockReleased: lock?.stale ? lockJson(lock) : null,
      inProgress: lock && !lock.stale && lock.kind !== 'manual' ? lockJson(lock) : null,
    });
  }
  return ExitCode.ok;
}
