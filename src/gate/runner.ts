import { describeError } from '../errors.js';
import { maskSecrets, secretValues } from '../secrets/mask.js';
import { formatDuration } from '../time/duration.js';
import { describeIssue } from '../validation/issues.js';
import * as z from '../validation/zod.js';
import type { Check, CheckContext, CheckOutcome, CheckResult } from './contract.js';
import { runIsolated } from './isolate.js';

export interface GateHooks {
  onStart?(check: Check): void;
  onProgress?(check: Check, message: string): void;
  onFinish?(result: CheckResult): void;
}

export interface GateOptions extends GateHooks {
  /** How many checks may run at once; all of them by default. */
  concurrency?: number;
  /** Checks the user skipped, with the reason they gave. */
  skips?: ReadonlyMap<string, string>;
  /** Aborts every running check (Ctrl-C). */
  signal?: AbortSignal;
  /** Where secret values are read from for masking outcomes (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** More variables whose values are secrets (the config's `secrets`). */
  secretNames?: readonly string[];
}

export type ContextFactory = (check: Check, signal: AbortSignal, progress: (message: string) => void) => CheckContext;

const outcomeSchema = z.object({
  status: z.enum(['pass', 'warn', 'fail', 'skip']),
  summary: z.string(),
  details: z.optional(z.array(z.string())),
  url: z.optional(z.string()),
  culprits: z.optional(z.array(z.string())),
});

/**
 * Starts every check at once (up to `concurrency`), each with its own timeout,
 * and settles all of them: a check that throws, hangs or answers nonsense
 * becomes a failing result, never a crash of the gate.
 */
export async function runGate(
  checks: Check[],
  makeContext: ContextFactory,
  options: GateOptions = {},
): Promise<CheckResult[]> {
  const limit = acquireSlot(options.concurrency ?? checks.length);
  const secrets = secretValues(options.env ?? process.env, options.secretNames);
  return Promise.all(
    checks.map(async (check) => {
      const skipReason = options.skips?.get(check.name);
      if (skipReason !== undefined) {
        const result = toResult(check, { status: 'skip', summary: `skipped: ${skipReason}` }, 0, skipReason);
        options.onFinish?.(result);
        return result;
      }
      const release = await limit();
      try {
        options.onStart?.(check);
        const started = performance.now();
        const outcome = maskOutcome(await runOne(check, makeContext, options), secrets);
        const result = toResult(check, outcome, performance.now() - started);
        options.onFinish?.(result);
        return result;
      } finally {
        release();
      }
    }),
  );
}

async function runOne(check: Check, makeContext: ContextFactory, options: GateOptions): Promise<CheckOutcome> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`timed out after ${formatDuration(check.timeoutMs)}`));
      resolve({ status: 'fail', summary: `timed out after ${formatDuration(check.timeoutMs)}` });
    }, check.timeoutMs);
  });
  try {
    const context = makeContext(check, controller.signal, (message) => options.onProgress?.(check, message));
    const answered = Promise.resolve()
      .then(() => (check.isolate ? runIsolated({ ...check, isolate: check.isolate }, context) : check.run(context)))
      .then(validateOutcome, (error: unknown) => crashed(error, options.signal));
    return await Promise.race([answered, timedOut]);
  } catch (error) {
    return crashed(error, options.signal);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function validateOutcome(value: unknown): CheckOutcome {
  const parsed = outcomeSchema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues[0];
  return {
    status: 'fail',
    summary: `returned a malformed result: ${problem ? describeIssue(problem) : 'not a check outcome'}`,
    details: ['a check must return { status: "pass" | "warn" | "fail" | "skip", summary: string, details?, url? }'],
  };
}

/** Checks quote commands' output and services' answers: no secret value leaves the gate. */
function maskOutcome(outcome: CheckOutcome, secrets: readonly string[]): CheckOutcome {
  if (secrets.length === 0) return outcome;
  return {
    ...outcome,
    summary: maskSecrets(outcome.summary, secrets),
    ...(outcome.details ? { details: outcome.details.map((line) => maskSecrets(line, secrets)) } : {}),
    ...(outcome.url ? { url: maskSecrets(outcome.url, secrets) } : {}),
  };
}

function crashed(error: unknown, signal: AbortSignal | undefined): CheckOutcome {
  if (signal?.aborted) return { status: 'fail', summary: 'interrupted' };
  return { status: 'fail', summary: `crashed: ${describeError(error)}` };
}

function toResult(check: Check, outcome: CheckOutcome, durationMs: number, skipReason?: string): CheckResult {
  // A warning-severity check informs but never blocks: its failure reads as a warning.
  const status = check.severity === 'warning' && outcome.status === 'fail' ? 'warn' : outcome.status;
  return {
    name: check.name,
    title: check.title,
    severity: check.severity,
    status,
    summary: outcome.summary,
    details: outcome.details ?? [],
    url: outcome.url,
    ...(outcome.culprits ? { culprits: outcome.culprits } : {}),
    durationMs: Math.round(durationMs),
    ...(skipReason !== undefined ? { skipReason } : {}),
  };
}

/** A tiny semaphore: resolves with a release function once a slot is free. */
function acquireSlot(size: number): () => Promise<() => void> {
  let free = Math.max(1, size);
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return () =>
    new Promise((resolve) => {
      if (free > 0) {
        free--;
        resolve(release);
      } else {
        waiting.push(() => resolve(release));
      }
    });
}
