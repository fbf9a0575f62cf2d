import { type LoadedConfig, loadConfig } from '../config/load.js';
import { findRepoRoot } from '../git/repo.js';

export interface GlobalOptions {
  config?: string;
  env?: string;
  verbose?: boolean;
}

export interface Project extends LoadedConfig {
  cwd: string;
  repoRoot: string;
  /** The environment shipit acts on: --env, else the config's `environment`. */
  environment: string;
}

/** The repository and its validated config: where every command starts. */
export async function loadProject(options: GlobalOptions, cwd = process.cwd()): Promise<Project> {
  const repoRoot = await findRepoRoot(cwd);
  const loaded = await loadConfig({ cwd, repoRoot, explicitPath: options.config });
  return { ...loaded, cwd, repoRoot, environment: options.env ?? loaded.config.environment };
}

/** The environment's shared state: on the config's remote, or in this .git without one. */
export async function openProjectStore(project: Project, user?: string) {
  const { openStateStore, resolveStateRemote } = await import('../state/store.js');
  const remote = await resolveStateRemote(project.repoRoot, project.config.remote);
  return openStateStore({ cwd: project.repoRoot, remote, environment: project.environment, user });
}
