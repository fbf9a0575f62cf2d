import { setTimeout as sleep } from 'node:timers/promises';
import { checkContextFactory } from '../context/check-context.js';
import type { CheckResult } from '../gate/contract.js';
import { type ContextFactory, runGate } from '../gate/runner.js';
import type { RecordVerification, VerificationRound } from '../state/record.js';
import type { VerificationPlan } from './verify-settings.js';

/** The record keeps the last rounds only: a 10-minute window checked every second must not bloat the history. */
const KEPT_ROUNDS = 20;

export interface WindowHooks {
  /** After each round, with the window so far; a failing round is worth telling the team at once. */
  onRound(round: VerificationRound, window: RecordVerification, results: CheckResult[]): Promise<void>;
  signal: AbortSignal;
}

/**
 * Runs the verification checks every `every` for `for`, with the gate runner
 * (each check under its own timeout: one that hangs fails its round). Ends early
 * after `failAfter` consecutive failing rounds, or when `signal` aborts.
 */
export async function runVerificationWindow(
  plan: VerificationPlan,
  makeContext: ContextFactory,
  hooks: WindowHooks,
): Promise<RecordVerification> {
  const { settings } = plan;
  const started = Date.now();
  const window: RecordVerification = {
    startedAt: new Date(started).toISOString(),
    forMs: settings.for,
    everyMs: settings.every,
    failAfter: settings.failAfter,
    onFailure: settings.onFailure,
    roundCount: 0,
    rounds: [],
  };
  let failingInARow = 0;
  for (;;) {
    const roundStarted = Date.now();
    const results = await runGate(plan.checks, makeContext, {
      signal: hooks.signal,
      secretNames: plan.secretNames,
    });
    // A round cut short by Ctrl-C says nothing about the release.
    if (hooks.signal.aborted) {
      window.verdict = 'interrupted';
      break;
    }
    const failing = results
      .filter((result) => result.status === 'fail' && result.severity === 'blocking')
      .map((result) => result.name);
    const round = { at: new Date(roundStarted).toISOString(), ok: failing.length === 0, failing };
    window.roundCount += 1;
    window.rounds = [...window.rounds, round].slice(-KEPT_ROUNDS);
    failingInARow = round.ok ? 0 : failingInARow + 1;
    if (failingInARow >= settings.failAfter) window.verdict = 'failed';
    else if (Date.now() - started >= settings.for) window.verdict = 'passed';
    await hooks.onRound(round, window, results);
    if (window.verdict) break;
    const untilNext = Math.min(settings.every - (Date.now() - roundStarted), settings.for - (Date.now() - started));
    if (untilNext > 0) await sleep(untilNext, undefined, { signal: hooks.signal }).catch(() => undefined);
    if (hooks.signal.aborted) {
      window.verdict = 'interrupted';
      break;
    }
  }
  window.finishedAt = new Date().toISOString();
  return window;
}

/** What the verification checks see: the release that runs, as both candidate and production; no batch. */
export function releaseChecksContext(
  repoRoot: string,
  environment: string,
  release: { sha: string; ref: string },
): ContextFactory {
  return checkContextFactory(
    {
      repoRoot,
      environment,
      remote: null,
      branch: '',
      candidate: release,
      production: { sha: release.sha },
      batch: [],
      notes: [],
    },
    { action: 'deploy' },
  );
}
