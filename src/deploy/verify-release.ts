import { describeError } from '../errors.js';
import type { CheckResult } from '../gate/contract.js';
import type { RecordVerification } from '../state/record.js';
import type { DeployRecord, RecordPatch, StateStore } from '../state/store.js';
import { plural } from '../text/plural.js';
import { shortSha } from '../text/sha.js';
import { formatDuration } from '../time/duration.js';
import type { Execution, ExecutionResult, VerificationOutcome } from './execution.js';
import { rollbackExecution } from './rollback-plan.js';
import { findRollbackTarget } from './rollback-target.js';
import { faultySuggestion } from './verify-suggestion.js';
import { releaseChecksContext, runVerificationWindow } from './verify-window.js';

interface VerifyIO {
  /** Writes the deploy's final status (retried; a refusal keeps the lock and throws with the repair command). */
  finish(patch: RecordPatch): Promise<DeployRecord>;
  update(patch: RecordPatch): Promise<DeployRecord>;
  /** Runs a rollback under the lock this deploy holds. */
  rollback(run: Execution): Promise<ExecutionResult>;
}

/**
 * The verification window after a successful script (the record says `verifying`):
 * passed, the deploy is `success`; failed, it is `faulty`, and `onFailure` says
 * whether to roll back to the previous good release, lock, or only record it.
 */
export async function verifyRelease(
  store: StateStore,
  run: Execution & { verification: NonNullable<Execution['verification']> },
  io: VerifyIO,
): Promise<VerificationOutcome> {
  const plan = run.verification;
  const say = (line: string) => run.echo(Buffer.from(`${line}\n`));
  say(
    `verifying ${shortSha(run.sha)} for ${formatDuration(plan.settings.for)}, every ${formatDuration(plan.settings.every)}: ${plan.checks.map((check) => check.name).join(', ')}`,
  );
  const makeContext = releaseChecksContext(run.repoRoot, run.environment, { sha: run.sha, ref: run.ref });
  const window = await runVerificationWindow(plan, makeContext, {
    signal: run.signal,
    async onRound(round, sofar, results) {
      say(`verify round ${sofar.roundCount}: ${round.ok ? 'ok' : `failing: ${describeFailing(results)}`}`);
      // A failing round reaches the team at once; passing ones are written with the verdict.
      if (!round.ok) await io.update({ verification: sofar }).catch((error) => run.warn(describeError(error)));
    },
  });
  const rounds = plural(window.roundCount, 'round');
  if (window.verdict === 'passed') {
    const record = await io.finish({
      status: 'success',
      verification: window,
      message: `the script exited 0; verified for ${formatDuration(plan.settings.for)} (${rounds})`,
    });
    return { verdict: 'passed', record };
  }
  if (window.verdict === 'interrupted') {
    // Ctrl-C stops the watching, not the release: it runs, recorded as unverified; `shipit verify` watches it again.
    // On a TTY the person may ask to roll back instead: that rollback gets a signal of its own (a second Ctrl-C exits).
    const record = await io.finish({
      status: 'success',
      verification: window,
      message: `the script exited 0; verification interrupted after ${rounds}: live, unverified`,
    });
    if ((await plan.askOnInterrupt?.()) !== 'rollback') return { verdict: 'interrupted', record };
    const back = await rollBack(store, { ...run, signal: new AbortController().signal }, record, io);
    const lockReason = `${shortSha(record.sha)} after an interrupted verification: ${describeRollback(back)}`;
    return { verdict: 'interrupted', ...back, lockReason };
  }
  const failing = window.rounds.at(-1)?.failing ?? [];
  const faulty = await io.finish({
    status: 'faulty',
    verification: window,
    message: `verification failed: ${failing.join(', ')} (${plural(plan.settings.failAfter, 'failing round')} in a row)`,
  });
  const settled = await settleFaulty(store, run, faulty, io);
  // A way out that cannot be worked out is left out: the rollback and the lock are what matter here.
  return { ...settled, ...(await faultySuggestion(store, run, faulty).catch(() => ({}))) };
}

/** What `onFailure` says to do with a faulty release. */
async function settleFaulty(
  store: StateStore,
  run: Execution & { verification: NonNullable<Execution['verification']> },
  faulty: DeployRecord,
  io: VerifyIO,
): Promise<VerificationOutcome> {
  const { onFailure } = run.verification.settings;
  const short = shortSha(faulty.sha);
  if (onFailure === 'none') return { verdict: 'failed', record: faulty };
  if (onFailure === 'lock') {
    return { verdict: 'failed', record: faulty, lockReason: `faulty release ${short}: verification failed` };
  }
  const back = await rollBack(store, run, faulty, io);
  return { verdict: 'failed', ...back, lockReason: `faulty release ${short}: ${describeRollback(back)}` };
}

function describeRollback(back: { rollback?: ExecutionResult; target?: string; problem?: string }): string {
  if (!back.target) return back.problem ?? 'no rollback';
  return back.rollback?.record.status === 'success'
    ? `rolled back to ${shortSha(back.target)}`
    : `automatic rollback to ${shortSha(back.target)} failed`;
}

/** Rolls `current` back to the previous good release under the lock held; says what went wrong, if anything did. */
async function rollBack(
  store: StateStore,
  run: Execution & { verification: NonNullable<Execution['verification']> },
  current: DeployRecord,
  io: VerifyIO,
): Promise<{ record: DeployRecord; rollback?: ExecutionResult; target?: string; problem?: string }> {
  const script = run.verification.rollbackScript;
  let target: Awaited<ReturnType<typeof findRollbackTarget>>['target'];
  try {
    if (!script) throw new Error('no rollback.run or deploy.run is configured');
    ({ target } = await findRollbackTarget(run.repoRoot, await store.listRecords(), {
      environment: run.environment,
    }));
  } catch (error) {
    return { record: current, problem: `automatic rollback impossible: ${describeError(error)}` };
  }
  const {
    action: _action,
    sha: _sha,
    candidate: _candidate,
    ref: _ref,
    previousSha: _previous,
    excluded: _excluded,
    forced: _forced,
    skipped: _skipped,
    promotedFrom: _promotedFrom,
    releaseRef: _releaseRef,
    lockAfterSuccess: _lock,
    recheck: _recheck,
    verification: _verification,
    ...basics
  } = run;
  let rollback: ExecutionResult | undefined;
  let problem: string | undefined;
  try {
    rollback = await io.rollback(rollbackExecution({ ...basics, script }, current, target, undefined));
    if (rollback.record.status !== 'success') {
      problem = `automatic rollback #${rollback.record.id} to ${shortSha(target.sha)}: ${rollback.record.status} (${rollback.record.message ?? 'no message'})`;
    }
  } catch (error) {
    problem = `automatic rollback to ${shortSha(target.sha)} failed: ${describeError(error)}`;
  }
  const record = await io
    .update({
      verification: {
        ...(current.verification as RecordVerification),
        rollback: {
          id: rollback?.record.id,
          sha: target.sha,
          status: rollback?.record.status ?? 'failure',
          message: problem ?? rollback?.record.message,
        },
      },
    })
    .catch((error: unknown) => {
      run.warn(describeError(error));
      return current;
    });
  return { record, rollback, target: target.sha, problem };
}

function describeFailing(results: CheckResult[]): string {
  return results
    .filter((result) => result.status === 'fail' && result.severity === 'blocking')
    .map((result) => `${result.name} (${result.summary})`)
    .join(', ');
}
