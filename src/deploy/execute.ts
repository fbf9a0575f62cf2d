import { join } from 'node:path';
import { scriptVariables } from '../context/script-env.js';
import { describeError, isShipitError } from '../errors.js';
import { gitCommonDir } from '../git/repo.js';
import { createStreamMasker } from '../secrets/mask.js';
import type { DeployRecord, Lock, RecordPatch, StateStore } from '../state/store.js';
import { shortSha } from '../text/sha.js';
import type { Execution, ExecutionResult, LifecycleContext, VerificationOutcome } from './execution.js';
import { startGitHubMirror } from './github-mirror.js';
import { throwIfAborted } from './interrupt.js';
import { readLogTail } from './log-file.js';
import { publishReleaseRef } from './release-ref.js';
import { runScript, type ScriptOutcome } from './run-script.js';
import { verifyRelease } from './verify-release.js';

export type { DeployLifecycle, Execution, ExecutionResult, LifecycleContext } from './execution.js';

/**
 * Lock, publish the release, record as running, run the script, record the
 * outcome (`verifying` with a verification window, then `success` or `faulty`,
 * see verify-release.ts), release the lock, then wait for what must not hold it
 * (notifications on their way): in that order. The lock is released on every path
 * (a failing script, a crash of shipit's own, Ctrl-C) except one: an outcome
 * the history refused is kept on this machine, and so is the lock, so that no
 * one deploys over a record that still says `running` (`shipit repair` ends it).
 */
export async function executeDeploy(store: StateStore, planned: Execution): Promise<ExecutionResult | null> {
  await store.assertNoPendingOutcome();
  await store.acquireLock(
    { kind: planned.action, reason: `${planned.action} of ${shortSha(planned.sha)} by ${planned.user}` },
    { waitMs: planned.lockWaitMs, signal: planned.signal },
  );
  const held = { keep: false };
  try {
    const run = planned.recheck ? await planned.recheck() : planned;
    if (!run) return null;
    return await executeLocked(store, run, held);
  } finally {
    if (!held.keep) {
      await store.releaseLock().catch((error: unknown) => {
        planned.warn(
          `could not release the ${planned.environment} lock: ${describeError(error)} (\`shipit unlock --force\` clears it)`,
        );
      });
    }
    for (const step of planned.lifecycle ?? []) {
      await step.afterUnlock?.(planned).catch((error: unknown) => planned.warn(describeError(error)));
    }
  }
}

/** Everything `executeDeploy` does once it holds the lock; an automatic rollback runs it again, under the same lock. */
async function executeLocked(store: StateStore, run: Execution, held: { keep: boolean }): Promise<ExecutionResult> {
  const { signal } = run;
  throwIfAborted(signal, 'before the deploy started: nothing was deployed');
  // Published before anything is recorded: a remote that refuses it leaves no trace of this deploy.
  if (run.releaseRef && run.sha !== run.candidate) {
    await publishReleaseRef(run.repoRoot, run.releaseRef.remote, run.releaseRef.ref, run.sha);
  }
  throwIfAborted(signal, 'before the deploy started: nothing was deployed');
  const record = await store.createRecord({
    action: run.action,
    sha: run.sha,
    candidate: run.candidate,
    ref: run.ref,
    previousSha: run.previousSha,
    excluded: run.excluded,
    forced: run.forced,
    skipped: run.skipped,
    promotedFrom: run.promotedFrom,
    user: run.user,
  });
  const logFile = join(await gitCommonDir(run.repoRoot), 'shipit', 'logs', run.environment, `${record.id}.log`);
  // What a step adds to the record goes with the log as it is now: a hook's output is in it.
  const update = async (patch: RecordPatch) =>
    store.updateRecord(record.id, patch, { log: await readLogTail(logFile) });
  const finish = async (patch: RecordPatch, log?: string) => {
    try {
      return await store.finishRecord(record.id, patch, { action: run.action, log, signal });
    } catch (error) {
      held.keep ||= isShipitError(error) && error.code === 'outcome-not-recorded';
      throw error;
    }
  };

  let outcome: ScriptOutcome;
  try {
    outcome = await runWithMirror(run, record, logFile, update);
  } catch (error) {
    // Stopped before or around the script (Ctrl-C, shipit's own failure): the record must not stay `running`.
    const interrupted = isShipitError(error) && error.code === 'interrupted';
    const stopped = await finish(
      interrupted
        ? { status: 'aborted', message: 'interrupted before the script started; nothing ran' }
        : { status: 'failure', message: `shipit failed around the script: ${describeError(error)}` },
    );
    for (const step of run.lifecycle ?? []) {
      await step
        .afterStop?.({ run, record: stopped, update, logFile })
        .catch((stepError: unknown) => run.warn(describeError(stepError)));
    }
    throw error;
  }

  // With a verification window, the script's success makes the release live, not yet `success`.
  const verifying = outcome.status === 'success' && run.verification !== undefined;
  let finished = await finish(
    { status: verifying ? 'verifying' : outcome.status, exitCode: outcome.exitCode, message: describeOutcome(outcome) },
    await readLogTail(logFile),
  );
  let verification: VerificationOutcome | undefined;
  if (verifying && run.verification) {
    verification = await verifyRelease(
      store,
      { ...run, verification: run.verification },
      {
        finish: (patch) => finish(patch),
        update,
        rollback: (rollbackRun) => executeLocked(store, rollbackRun, held),
      },
    );
    finished = verification.record;
  }
  // Hooks and notifications see the final outcome: after the verification window, before the lock goes.
  for (const step of run.lifecycle ?? []) {
    await step
      .afterScript?.({ run, record: finished, outcome, update, logFile })
      .catch((error: unknown) => run.warn(describeError(error)));
  }
  let lockLeft: Lock | null = null;
  const lockReason = verification?.lockReason ?? (outcome.status === 'success' ? run.lockAfterSuccess : undefined);
  if (lockReason) {
    lockLeft = await store.replaceLock({ kind: 'manual', reason: lockReason });
    held.keep = true;
  }
  return { record: finished, outcome, logFile, lockLeft, verification };
}

/** The GitHub mirror around the script; Ctrl-C before the script starts means it never starts. */
async function runWithMirror(
  run: Execution,
  record: DeployRecord,
  logFile: string,
  update: LifecycleContext['update'],
): Promise<ScriptOutcome> {
  throwIfAborted(run.signal, 'before the script started');
  for (const step of run.lifecycle ?? []) await step.beforeScript?.({ run, record, update, logFile });
  throwIfAborted(run.signal, 'before the script started');
  const excludedShas = record.excluded.map((entry) => entry.sha);
  const mirror = await startGitHubMirror(
    run.setup,
    {
      repoRoot: run.repoRoot,
      sha: run.sha,
      environment: run.setup.github?.environment ?? run.environment,
      description: `shipit ${run.action} #${record.id} by ${run.user}`,
      payload: { shipit: { id: record.id, action: run.action, candidate: run.candidate, excluded: excludedShas } },
    },
    { warn: run.warn, signal: run.signal },
  );
  throwIfAborted(run.signal, 'before the script started');
  const outcome = await runScript(run.script, {
    repoRoot: run.repoRoot,
    logFile,
    signal: run.signal,
    echo: run.echo,
    mask: () => createStreamMasker([...run.secrets]),
    variables: scriptVariables(run, String(record.id)),
  });
  await mirror?.finish(
    outcome.status === 'success' ? 'success' : outcome.status === 'aborted' ? 'error' : 'failure',
    describeOutcome(outcome),
  );
  return outcome;
}

function describeOutcome(outcome: ScriptOutcome): string {
  if (outcome.status === 'success') return 'the script exited 0';
  if (outcome.status === 'aborted') return 'interrupted; the script was stopped';
  if (outcome.timedOut) return 'the script timed out and was stopped';
  return outcome.exitCode === undefined ? 'the script could not run' : `the script exited ${outcome.exitCode}`;
}
