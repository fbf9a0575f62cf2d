import { DEFAULT_STATE_BACKEND, type StateBackendName, stateBackends } from './backends.js';
import { assertValidEnvironment } from './environment-name.js';
import type { StateStore, StateStoreOptions } from './state-store.js';

// The state layer's front door: commands open a store here and never reach into a backend.

export { currentUser } from './identity.js';
export type { Lock } from './lock-info.js';
export { describeLock, lockedError } from './lock-info.js';
export { LOG_TAIL_BYTES } from './log-tail.js';
export type { DeployRecord, NewExclusion, NewRecord, RecordPatch } from './record.js';
export { resolveStateRemote } from './remote.js';
export type { StateStore, StateStoreOptions } from './state-store.js';

/** One environment's shared state, in the configured backend (config `state.backend`, default "git"). */
export function openStateStore(options: StateStoreOptions & { backend?: StateBackendName }): StateStore {
  assertValidEnvironment(options.environment);
  return stateBackends[options.backend ?? DEFAULT_STATE_BACKEND](options);
}
