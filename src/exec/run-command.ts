import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MAX_DURATION_MS } from '../time/duration.js';
import { isGroupAlive } from './live-scripts.js';
import { forgetGroup, startWatchdog, watchGroup } from './watchdog-client.js';

export interface RunCommandOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Aborting stops the command: SIGTERM to its process group, then SIGKILL after the grace period. */
  signal?: AbortSignal;
  timeoutMs?: number;
  killGraceMs?: number;
  /** Each chunk of output as it arrives (stdout and stderr interleaved), and which stream it came from. */
  onOutput?(chunk: Buffer, stream: 'stdout' | 'stderr'): void;
  /** How much of the end of the output to keep in memory. */
  keepBytes?: number;
  /** A file saying, while the command's process group lives, which group runs for this shipit (see live-scripts.ts). */
  live?: { file: string; info: Record<string, unknown> };
}

export interface RunCommandResult {
  exitCode: number | undefined;
  /** The end of the output (at most keepBytes). */
  output: string;
  timedOut: boolean;
  aborted: boolean;
}

/**
 * Runs a command string through the shell (`sh -c`) or an argv array without one.
 * The command gets its own process group, and that whole group is stopped,
 * SIGTERM then SIGKILL after the grace period, when the command is aborted or
 * times out, when it exits leaving background jobs behind, and (through the
 * watchdog) when shipit dies. Resolves once no process of the group is left.
 * Megabytes of output cost only `keepBytes` of memory.
 */
export async function runCommand(command: string | string[], options: RunCommandOptions): Promise<RunCommandResult> {
  const [file, ...args] = typeof command === 'string' ? ['/bin/sh', '-c', command] : command;
  const graceMs = options.killGraceMs ?? 2_000;
  if (options.live) await mkdir(dirname(options.live.file), { recursive: true });
  // The watchdog before the command: the group is watched from the moment it exists.
  startWatchdog();
  const child = spawn(file as string, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pgid = child.pid;
  if (pgid !== undefined) {
    if (options.live) writeFileSync(options.live.file, JSON.stringify({ ...options.live.info, pgid }));
    watchGroup(pgid, graceMs, options.live?.file);
  }

  const keep = options.keepBytes ?? 64 * 1024;
  let tail = Buffer.alloc(0);
  const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    options.onOutput?.(chunk, stream);
    tail = Buffer.concat([tail, chunk]);
    if (tail.length > keep * 2) tail = tail.subarray(tail.length - keep);
  };
  // Each stream on its own: a reader that cares where a chunk came from (secret masking) can tell.
  child.stdout?.on('data', collect('stdout'));
  child.stderr?.on('data', collect('stderr'));

  let timedOut = false;
  let aborted = false;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (pgid === undefined || killTimer) return;
    signalGroup(pgid, 'SIGTERM');
    killTimer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), graceMs);
  };
  const onAbort = () => {
    aborted = true;
    stop();
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // A longer timer would fire at once (ctx.exec's timeoutMs is any number a check passes).
  const timeout = options.timeoutMs
    ? setTimeout(
        () => {
          timedOut = true;
          stop();
        },
        Math.min(options.timeoutMs, MAX_DURATION_MS),
      )
    : undefined;

  const closed = new Promise((resolve) => child.on('close', resolve));
  const exit = await new Promise<{ exitCode: number | undefined; error?: Error }>((resolve) => {
    child.on('error', (error) => resolve({ exitCode: undefined, error }));
    child.on('exit', (code) => resolve({ exitCode: code ?? undefined }));
  });
  clearTimeout(timeout);
  options.signal?.removeEventListener('abort', onAbort);
  if (pgid !== undefined) {
    // Whatever the command left in its group (background jobs) goes with it.
    stop();
    await untilGone(pgid, graceMs);
    clearTimeout(killTimer);
    forgetGroup(pgid);
    // The last output may still be in the pipes; a daemon that escaped the group may hold them open.
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1_000))]);
  }
  if (options.live) rmSync(options.live.file, { force: true });
  if (exit.error)
    tail = Buffer.concat([tail, Buffer.from(`shipit: could not run the command: ${exit.error.message}\n`)]);
  if (tail.length > keep) tail = tail.subarray(tail.length - keep);
  return { exitCode: exit.exitCode, output: tail.toString('utf8'), timedOut, aborted };
}

/** Until no process of the group is left (SIGKILL comes after the grace period; the deadline is only a backstop). */
async function untilGone(pgid: number, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs + 2_000;
  while (isGroupAlive(pgid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}
