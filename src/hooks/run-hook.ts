import { resolve } from 'node:path';
import { describeError } from '../errors.js';
import { liveScriptFile } from '../exec/live-scripts.js';
import { runCommand } from '../exec/run-command.js';
import { safeLine } from '../report/untrusted-text.js';
import { createStreamMasker, maskSecrets } from '../secrets/mask.js';
import type { HookResult } from '../state/record.js';
import { formatDuration } from '../time/duration.js';
import { type HookFacts, hookContext, hookVariables } from './hook-env.js';
import type { HookFunction, HookSpec } from './schema.js';

export interface HookRunOptions {
  repoRoot: string;
  /** Ctrl-C or SIGTERM; absent once the deploy was already interrupted, so an after hook still gets to run. */
  signal: AbortSignal | undefined;
  /** Milliseconds a command gets to stop after SIGTERM before it is killed (the script's `killGrace`). */
  killGraceMs: number;
  /** Values masked in the hook's output and message. */
  secrets: readonly string[];
  echo(chunk: Buffer): void;
}

/**
 * Runs one hook to its end and says how it went; it never throws. A command runs like the
 * deploy script (runCommand: its own process group, stopped at its timeout or on Ctrl-C,
 * reaped by the watchdog if shipit dies), its output streamed with secrets masked.
 */
export async function runHook(spec: HookSpec, facts: HookFacts, options: HookRunOptions): Promise<HookResult> {
  const started = performance.now();
  const outcome =
    typeof spec.run === 'function'
      ? await runFunction(spec.run, spec.timeout, facts, options)
      : await runHookCommand(spec.run, spec, facts, options);
  const message = outcome.message && maskSecrets(outcome.message, options.secrets);
  return {
    name: facts.hook,
    status: outcome.status,
    ...(outcome.exitCode === undefined ? {} : { exitCode: outcome.exitCode }),
    ...(message ? { message } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}

type Ran = Pick<HookResult, 'status' | 'exitCode' | 'message'>;

async function runHookCommand(
  command: string | string[],
  spec: HookSpec,
  facts: HookFacts,
  options: HookRunOptions,
): Promise<Ran> {
  const maskers = { stdout: createStreamMasker(options.secrets), stderr: createStreamMasker(options.secrets) };
  const result = await runCommand(command, {
    cwd: resolve(options.repoRoot, spec.cwd ?? '.'),
    // The SHIPIT_* variables last: a hook's `env` cannot override them, as for the script.
    env: { ...process.env, ...spec.env, ...hookVariables(facts) },
    signal: options.signal,
    timeoutMs: spec.timeout,
    killGraceMs: options.killGraceMs,
    keepBytes: 8 * 1024,
    // While the hook's process group lives, `shipit unlock --force` on this host refuses (as for the script).
    live: {
      file: liveScriptFile(process.pid),
      info: { environment: facts.run.environment, deployId: facts.record.id },
    },
    onOutput(chunk, stream) {
      options.echo(maskers[stream].write(chunk));
    },
  });
  for (const masker of Object.values(maskers)) options.echo(masker.end());
  if (result.aborted) return { status: 'aborted', message: 'interrupted; the hook was stopped' };
  if (result.timedOut)
    return { status: 'timeout', message: `timed out after ${formatDuration(spec.timeout)} and was stopped` };
  if (result.exitCode === 0) return { status: 'success', exitCode: 0 };
  const said = lastLine(result.output);
  const what = result.exitCode === undefined ? 'could not run' : `exited ${result.exitCode}`;
  return { status: 'failure', exitCode: result.exitCode, message: said ? `${what}: ${said}` : what };
}

/**
 * An inline function cannot be killed: at its timeout or on Ctrl-C its signal aborts and
 * shipit stops waiting for it, so the deploy never hangs on it.
 */
async function runFunction(
  run: HookFunction,
  timeoutMs: number,
  facts: HookFacts,
  options: HookRunOptions,
): Promise<Ran> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timed out'));
  }, timeoutMs);
  const onAbort = () => controller.abort(new Error('interrupted'));
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const stopped = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
  );
  stopped.catch(() => {});
  // What the function logs goes where a command's output goes, while shipit still waits for it.
  let waiting = true;
  const log = (text: string) => {
    if (waiting && !controller.signal.aborted)
      options.echo(Buffer.from(maskSecrets(String(text), options.secrets).replace(/\n?$/, '\n')));
  };
  try {
    const work = Promise.resolve().then(() => run(hookContext(facts, controller.signal, log)));
    work.catch(() => {}); // it may still settle after shipit stopped waiting
    await Promise.race([work, stopped]);
    return { status: 'success' };
  } catch (error) {
    if (timedOut) return { status: 'timeout', message: `timed out after ${formatDuration(timeoutMs)}` };
    if (controller.signal.aborted) return { status: 'aborted', message: 'interrupted' };
    return { status: 'failure', message: `threw: ${safeLine(describeError(error))}` };
  } finally {
    waiting = false;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The last line a failing command printed: often the reason ("migration 42 failed"). */
function lastLine(output: string): string {
  const line = output.trimEnd().split('\n').at(-1)?.trim() ?? '';
  return safeLine(line.length > 200 ? `${line.slice(0, 200)}…` : line);
}
