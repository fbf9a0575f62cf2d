import { spawn } from 'node:child_process';
import { ShipitError } from '../errors.js';

export interface GitOptions {
  cwd: string;
  input?: string | Buffer;
  env?: Record<string, string>;
  signal?: AbortSignal;
  /** In a process group of its own, so a terminal's Ctrl-C does not kill a push half-way (state writes). */
  detached?: boolean;
  /** Exit codes that are answers, not failures (e.g. 1 for `merge-base --is-ancestor`). */
  okExitCodes?: number[];
}

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

// Never let git open an editor or ask for a password: shipit runs unattended in CI.
const QUIET_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_EDITOR: 'true', LC_ALL: 'C' };

/**
 * `git <args>` as raw bytes. Plain child_process rather than execa: git runs
 * on every command's hot path and execa alone costs ~100 ms to import.
 */
function runGitRaw(
  args: string[],
  options: GitOptions,
  script?: string,
): Promise<{ stdout: Buffer; stderr: string; exitCode: number }> {
  return new Promise((resolve, reject) => {
    const [file, argv] = script ? ['/bin/sh', ['-c', script, 'shipit-git', ...args]] : ['git', args];
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: { ...process.env, ...QUIET_ENV, ...options.env },
      signal: options.signal,
      detached: options.detached,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') reject(new ShipitError('interrupted', `git ${args[0]} was cancelled`));
      else if (error.code === 'ENOENT') reject(new ShipitError('git-missing', 'git is not installed or not on PATH'));
      else reject(error);
    });
    child.on('close', (code, signal) => {
      // A terminal's Ctrl-C reaches git too: that is the person stopping shipit, not git failing.
      if (signal === 'SIGINT' || signal === 'SIGTERM') {
        reject(new ShipitError('interrupted', `interrupted during git ${args[0]}`));
        return;
      }
      const exitCode = code ?? -1;
      const errText = Buffer.concat(stderr).toString('utf8');
      // The shell's "command not found" (POSIX: 127); git itself never exits 127.
      if (script && exitCode === 127) {
        reject(new ShipitError('git-missing', 'git is not installed or not on PATH'));
        return;
      }
      // A script's exit code is its caller's to read: which of its commands failed is in its output.
      if (exitCode !== 0 && !script && !(options.okExitCodes ?? []).includes(exitCode)) {
        reject(new GitError(args, exitCode, errText));
      } else {
        resolve({ stdout: Buffer.concat(stdout), stderr: errText, exitCode });
      }
    });
    child.stdin.on('error', () => {
      // git may exit before reading all its input; its exit code tells the story.
    });
    child.stdin.end(options.input ?? '');
  });
}

export async function runGit(args: string[], options: GitOptions): Promise<GitResult> {
  const result = await runGitRaw(args, options);
  return { stdout: result.stdout.toString('utf8'), stderr: result.stderr, exitCode: result.exitCode };
}

/**
 * Several git commands from one process start: `script` runs in /bin/sh with `args` as "$@".
 * Each process Node starts blocks it while the kernel copies the whole Node process and the child
 * execs (milliseconds; far more on a busy machine); the shell starting git costs Node nothing.
 * Resolves whatever the exit code, but git missing from PATH.
 */
export async function runGitScript(script: string, args: string[], options: GitOptions): Promise<GitResult> {
  const result = await runGitRaw(args, options, script);
  return { stdout: result.stdout.toString('utf8'), stderr: result.stderr, exitCode: result.exitCode };
}

/** `git <args>`, trimmed stdout; throws GitError on a non-zero exit. */
export async function git(args: string[], options: GitOptions): Promise<string> {
  return (await runGit(args, options)).stdout.trim();
}

export class GitError extends Error {
  readonly args: string[];
  readonly exitCode: number;
  readonly stderr: string;

  constructor(args: string[], exitCode: number, stderr: string) {
    const firstLine = stderr.trim().split('\n').find(Boolean) ?? `exit code ${exitCode}`;
    super(`git ${args[0]} failed: ${firstLine.replace(/^(fatal|error): /, '')}`);
    this.name = 'GitError';
    this.args = args;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}
