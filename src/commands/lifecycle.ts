import type { Output } from '../cli/output.js';
import type { LoadedConfig } from '../config/load.js';
import type { DeployLifecycle } from '../deploy/execute.js';
import { hooksStep } from '../hooks/hooks-step.js';
import { notificationSteps } from '../notify/deploy-steps.js';

/** The project as the lifecycle steps see it (Project without the import cycle). */
type LifecycleProject = LoadedConfig & { repoRoot: string; environment: string };

/** The steps shipit runs around this project's deploy and rollback scripts, in order. */
export function deployLifecycle(project: LifecycleProject, output: Output): DeployLifecycle[] {
  // Notifications wrap the other steps: the outcome is sent first after the script, `start` last before it.
  const notify = notificationSteps(project.config.notifications, project.setup, notificationWarning(output));
  const hooks = hooksStep(project.config.hooks, { secretNames: project.config.secrets, info: output.info });
  return [notify.outcome, ...(hooks ? [hooks] : []), notify.start];
}

/** On stderr even with --json: a notification that did not arrive is worth a line, and stdout holds the JSON. */
export const notificationWarning = (output: Output) => (message: string) => {
  process.stderr.write(`${output.chalk.yellow(`warning: ${message}`)}\n`);
};
