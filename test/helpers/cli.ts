import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const BIN = fileURLToPath(new URL('../../bin/shipit.js', import.meta.url));

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a child process, never on a TTY, with colors off. */
export async function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; timeoutMs?: number; input?: string },
): Promise<CliResult> {
  const result = await execa('node', [BIN, ...args], {
    cwd: options.cwd,
    env: { NO_COLOR: '1', FORCE_COLOR: undefined, GITHUB_STEP_SUMMARY: undefined, CI: 'true', ...options.env },
    extendEnv: true,
    reject: false,
    input: options.input ?? '',
    timeout: options.timeoutMs ?? 60_000,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
