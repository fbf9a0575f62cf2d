import type { Output } from '../cli/output.js';
import type { LoadedConfig } from '../config/load.js';
import type { DeployLifecycle } from '../deploy/execute.js';

/** The project as the lifecycle steps see it (Project without the import cycle). */
type LifecycleProject = LoadedConfig & { repoRoot: string; environment: string };

/** The steps shipit runs around this project's deploy and rollback scripts, in order. */
export function deployLifecycle(_project: LifecycleProject, _output: Output): DeployLifecycle[] {
  return [];
}
