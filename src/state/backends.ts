import { openGitStateStore } from './git-refs/git-store.js';
import type { OpenStateStore } from './state-store.js';

/**
 * Every state backend, by the name the config gives it (`state: { backend: 'git' }`).
 * A new backend is one file that exports an OpenStateStore, and one line here.
 */
export const stateBackends = {
  git: openGitStateStore,
} satisfies Record<string, OpenStateStore>;

export type StateBackendName = keyof typeof stateBackends;

export const DEFAULT_STATE_BACKEND: StateBackendName = 'git';

export const stateBackendNames = Object.keys(stateBackends) as [StateBackendName, ...StateBackendName[]];
