import { resolve } from 'node:path';
import { runCommand } from '../exec/run-command.js';
import type { Action, Check, CheckContext, Commit } from '../gate/contract.js';
import type { ContextFactory } from '../gate/runner.js';
import { createGitReader } from '../git/reader.js';
import type { DeployContext } from './resolve-context.js';
import { commitVariables } from './script-env.js';

export interface CheckContextOptions {
  action: Action;
  /** The commit file-reading checks read: the candidate, or the release commit. */
  readSha?: string;
  excluded?: Commit[];
  env?: NodeJS.ProcessEnv;
}

/** Builds each check's context from the resolved deploy context. */
export function checkContextFactory(context: DeployContext, options: CheckContextOptions): ContextFactory {
  const env = options.env ?? process.env;
  const candidate = { sha: options.readSha ?? context.candidate.sha, ref: context.candidate.ref };
  const git = createGitReader(context.repoRoot, candidate.sha);
  const commandEnv = commitVariables({
    environment: context.environment,
    sha: candidate.sha,
    ref: candidate.ref,
    previousSha: context.production?.sha ?? null,
  });
  return (_check: Check, signal: AbortSignal, progress: (message: string) => void): CheckContext => ({
    environment: context.environment,
    action: options.action,
    repoRoot: context.repoRoot,
    candidate,
    production: context.production,
    batch: context.batch,
    excluded: options.excluded ?? [],
    signal,
    env,
    git,
    progress,
    async exec(command, execOptions = {}) {
      const result = await runCommand(command, {
        cwd: resolve(context.repoRoot, execOptions.cwd ?? '.'),
        env: { ...env, ...commandEnv, ...execOptions.env },
        signal,
        timeoutMs: execOptions.timeoutMs,
      });
      return { exitCode: result.exitCode, output: result.output, timedOut: result.timedOut };
    },
  });
}
