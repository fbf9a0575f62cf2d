import type { Output } from '../cli/output.js';
import type { LoadedConfig } from '../config/load.js';
import type { DeployLifecycle } from '../deploy/execute.js';
import { hooksStep } from '../hooks/hooks-step.js';

/** The project as the lifecycle steps see it (Project without the import cycle). */
type LifecycleProject = LoadedConfig & { repoRoot: string; environment: string };

/** The steps shipit runs around this project's deploy and rollback scripts, in order. */
export function deployLifecycle(project: LifecycleProject, output: Output): DeployLifecycle[] {
  const steps = [hooksStep(project.config.hooks, { secretNames: project.config.secrets, info: output.info })];
  return steps.filter((step) => step !== null);
}
