import type { Output } from '../cli/output.js';
import { type LoadedConfig, loadConfig } from '../config/load.js';
import type { Execution } from '../deploy/execute.js';
import type { Interrupt } from '../deploy/interrupt.js';
import type { ScriptConfig } from '../deploy/run-script.js';
import { isShipitError } from '../errors.js';
import { findRepoRoot } from '../git/repo.js';
import { secretValues } from '../secrets/mask.js';
import { deployLifecycle } from './lifecycle.js';
import { verificationPlan } from './verify-plan.js';

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
  return openStateStore({
    cwd: project.repoRoot,
    remote,
    environment: project.environment,
    user,
    secretNames: project.config.secrets,
    backend: project.config.state.backend,
  });
}

/**
 * The state for commands that only read it (check, status): when the remote
 * cannot be reached, the copy fetched last time, with a note, rather than no answer.
 */
export async function openStoreForReading(project: Project, notes: string[]) {
  const store = await openProjectStore(project);
  if (!store.remote) return store;
  try {
    await store.refresh();
    return store;
  } catch (error) {
    if (!isShipitError(error) || error.code !== 'state-remote-failed') throw error;
    notes.push(`${error.message}; showing the state fetched last time`);
    const { openStateStore } = await import('../state/store.js');
    return openStateStore({
      cwd: project.repoRoot,
      remote: null,
      environment: project.environment,
      backend: project.config.state.backend,
    });
  }
}

/** Where a plan starts from: the project's repository, environment, remote and branch. */
export function planBasics(project: Project) {
  return {
    repoRoot: project.repoRoot,
    environment: project.environment,
    remote: project.config.remote,
    branch: project.config.branch,
    github: project.setup,
  };
}

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
