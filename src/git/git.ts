import { execa } from 'execa';
import { ShipitError } from '../errors.js';

export interface GitOptions {
  cwd: string;
  input?: string | Buffer;
  env?: Record<string, string>;
  signal?: AbortSignal;
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

export async function runGit(args: string[], options: GitOptions): Promise<GitResult> {
  const result = await execa('git', args, {
    cwd: options.cwd,
    input: options.input,
    env: { ...QUIET_ENV, ...options.env },
    cancelSignal: options.signal,
    reject: false,
    stripFinalNewline: false,
    maxBuffer: 1024 * 1024 * 1024,
  });
  const exitCode = result.exitCode ?? -1;
  if (result.isCanceled) throw new ShipitError('interrupted', `git ${args[0]} was cancelled`);
  if (exitCode !== 0 && !(options.okExitCodes ?? []).includes(exitCode)) {
    throw new GitError(args, exitCode, String(result.stderr));
  }
  return { stdout: String(result.stdout), stderr: String(result.stderr), exitCode };
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
