import { definedEnvironments, selectEnvironment } from '../config/environments.js';
import { type LoadedConfig, loadConfig } from '../config/load.js';
import { isShipitError, ShipitError } from '../errors.js';
import { findRepoRoot } from '../git/repo.js';

export interface GlobalOptions {
  config?: string;
  env?: string;
  verbose?: boolean;
}

export interface Project extends LoadedConfig {
  cwd: string;
  repoRoot: string;
}

/** The repository and its validated config: where every command starts. */
export async function loadProject(options: GlobalOptions, cwd = process.cwd()): Promise<Project> {
  const repoRoot = await findRepoRoot(cwd);
  const loaded = await loadConfig({ cwd, repoRoot, explicitPath: options.config, environment: options.env });
  return { ...loaded, cwd, repoRoot };
}

/**
 * The project as another environment of its config sees it (its remote, state and
 * branch), for `status --all` and `deploy --from`; its checks are not loaded.
 */
export function projectFor(project: Project, environment: string): Project {
  const defined = definedEnvironments(project.sharedConfig);
  if (defined.length && !defined.includes(environment)) {
    throw new ShipitError(
      'unknown-environment',
      `unknown environment ${environment}: ${project.label} defines ${defined.join(', ')}`,
      { hint: `use one of them, or add ${environment} under environments` },
    );
  }
  const { config, promote } = selectEnvironment(project.sharedConfig, environment, project.label);
  const setup = { github: config.github, remote: config.remote };
  return { ...project, config, environment, promote, checks: [], setup };
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
  return (await openStoreFetching(project, notes)).store;
}

/**
 * openStoreForReading, fetching the branch that ships in the same `git fetch` as the state
 * when it can (one fetch, not two): `branchFetched` says whether it came along.
 */
export async function openStoreFetching(project: Project, notes: string[], branch?: string) {
  const store = await openProjectStore(project);
  if (!store.remote) return { store, branchFetched: false };
  try {
    const alongWith = branch ? [`+refs/heads/${branch}:refs/remotes/${store.remote}/${branch}`] : [];
    return { store, branchFetched: await store.refresh(alongWith) };
  } catch (error) {
    if (!isShipitError(error) || error.code !== 'state-remote-failed') throw error;
    notes.push(`${error.message}; showing the state fetched last time`);
    const { openStateStore } = await import('../state/store.js');
    const offline = openStateStore({
      cwd: project.repoRoot,
      remote: null,
      environment: project.environment,
      backend: project.config.state.backend,
    });
    return { store: offline, branchFetched: false };
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
