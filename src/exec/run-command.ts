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
 * The command gets its own process group so that stopping it also stops what it
 * started (a shell pipeline, npm's children), and megabytes of output cost only
 * `keepBytes` of memory.
 */
export async function runCommand(command: string | string[], options: RunCommandOptions): Promise<RunCommandResult> {
  const [file, ...args] = typeof command === 'string' ? [command] : command;
  // execa is imported on demand: it costs ~100 ms, and most commands never run a script.
  const { execa } = await import('execa');
  const child = execa(file as string, args, {
    cwd: options.cwd,
    env: options.env,
    shell: typeof command === 'string',
    detached: true,
    buffer: false,
    stdin: 'ignore',
    reject: false,
  });
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
    signalGroup(child.pid, 'SIGTERM');
    killTimer ??= setTimeout(() => signalGroup(child.pid, 'SIGKILL'), options.killGraceMs ?? 2_000);
  };
  const onAbort = () => {
    aborted = true;
    stop();
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timeout = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        stop();
      }, options.timeoutMs)
    : undefined;

  const result = await child;
  clearTimeout(timeout);
  clearTimeout(killTimer);
  options.signal?.removeEventListener('abort', onAbort);
  if (tail.length > keep) tail = tail.subarray(tail.length - keep);
  return {
    exitCode: result.exitCode,
    output: tail.toString('utf8'),
    timedOut,
    aborted,
  };
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
