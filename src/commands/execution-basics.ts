import type { Output } from '../cli/output.js';
import type { Execution } from '../deploy/execute.js';
import type { Interrupt } from '../deploy/interrupt.js';
import type { ScriptConfig } from '../deploy/run-script.js';
import { secretValues } from '../secrets/mask.js';
import { deployLifecycle } from './lifecycle.js';
import type { Project } from './project.js';
import { verificationPlan } from './verify-plan.js';

// Apart from project.ts: the lifecycle steps (hooks, notifications) load only with the commands that deploy.

/** What a deploy and a rollback run with besides the commits: the project, the script, the terminal, Ctrl-C. */
export function executionBasics(
  project: Project,
  options: { user: string; script: ScriptConfig; lockWaitMs: number; interrupt: Interrupt; output: Output },
) {
  const { script, output } = options;
  return {
    environment: project.environment,
    repoRoot: project.repoRoot,
    user: options.user,
    script,
    lockWaitMs: options.lockWaitMs,
    secrets: secretValues({ ...process.env, ...script.env }, project.config.secrets),
    setup: project.setup,
    signal: options.interrupt.signal,
    lifecycle: deployLifecycle(project, output),
    verification: verificationPlan(project, output),
    echo: output.echo,
    warn: (message: string) => output.info(output.chalk.yellow(`warning: ${message}`)),
  } satisfies Partial<Execution>;
}
