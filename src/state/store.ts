import { listRemotes } from '../git/repo.js';
import { secretValues } from '../secrets/mask.js';
import { createHistoryOperations } from './history.js';
import { currentHost, currentUser } from './identity.js';
import { createLockOperations } from './lock.js';
import type { Author } from './objects.js';
import { createOutcomeOperations } from './outcomes.js';
import { createPendingFile } from './pending.js';
import { badEnvironmentError, unknownRemoteError } from './state-errors.js';
import { createStateRefs } from './state-refs.js';

export { currentUser } from './identity.js';
export type { AcquireOptions, LockRequest, ReleaseOutcome } from './lock.js';
export type { Lock, LockInfo, LockKind } from './lock-info.js';
export { describeLock, lockedError } from './lock-info.js';
export { LOG_TAIL_BYTES, tailLog } from './log-tail.js';
export type { FinishOptions } from './outcomes.js';
export type { PendingOutcome } from './pending.js';
export type {
  DeployAction,
  DeployRecord,
  DeployStatus,
  ExcludedCommit,
  NewExclusion,
  NewRecord,
  RecordPatch,
} from './record.js';

export interface StateStoreOptions {
  /** Any directory inside the repository. */
  cwd: string;
  /** The remote everyone shares (config `remote`, default "origin"); null keeps the state in this .git only. */
  remote: string | null;
  environment: string;
  /** Who is acting; defaults to git's user.name, else the login name. */
  user?: string;
  /** Environment variables whose values are secrets (config `secrets`), besides *TOKEN*, *SECRET*… */
  secretNames?: readonly string[];
}

export type StateStore = ReturnType<typeof openStateStore>;

/**
 * One environment's shared state, in git refs under refs/shipit/<environment>/:
 * `lock` (a commit whose message is the holder, as JSON) and `history` (a chain
 * of commits whose tree holds every record). Never the work tree, the index,
 * HEAD or the user's branches.
 */
export function openStateStore(options: StateStoreOptions) {
  const { cwd, remote, environment } = options;
  assertValidEnvironment(environment);
  const prefix = `refs/shipit/${environment}/`;
  const refs = createStateRefs(cwd, remote, prefix);

  let fetched: Promise<void> | undefined;
  const refresh = () => {
    const attempt = refs.refresh();
    fetched = attempt;
    attempt.catch(() => {
      if (fetched === attempt) fetched = undefined; // a failed fetch is retried by the next read, not remembered
    });
    return attempt;
  };
  // One fetch per command: the first read fetches, later ones reuse the local copy (writes keep it current).
  const fetchOnce = () => fetched ?? refresh();

  let holder: Promise<{ user: string; host: string; author: Author }> | undefined;
  const whoAmI = () => {
    holder ??= (async () => {
      const user = options.user ?? (await currentUser(cwd));
      const host = currentHost();
      return { user, host, author: { name: user, email: `shipit@${host}` } };
    })();
    return holder;
  };

  // Any command that opens the store first writes an outcome a previous deploy could not record,
  // so no one plans a deploy from a history that still shows it `running`. Best effort here:
  // `shipit repair` and the deploy's own refusal (assertNoPendingOutcome) say it when it fails.
  let flushing: Promise<unknown> | undefined;
  const ensureFresh = async () => {
    await fetchOnce();
    flushing ??= outcomes.writePendingOutcome().catch(() => undefined);
    await flushing;
  };

  const secrets = secretValues(process.env, options.secretNames);
  const deps = { cwd, environment, refs, holder: whoAmI, ensureFresh, secrets };
  const lockRef = `${prefix}lock`;
  const historyRef = `${prefix}history`;
  const lock = createLockOperations({ ...deps, ref: lockRef });
  const outcomes = createOutcomeOperations({
    environment,
    remote,
    pending: createPendingFile(cwd, environment),
    // Without the flush in its freshness step: writing the pending outcome must not wait on itself.
    history: createHistoryOperations({ ...deps, ensureFresh: fetchOnce, ref: historyRef }),
    lock,
  });
  return {
    environment,
    remote,
    lockRef,
    historyRef,
    /** Fetches the remote's state now (the first read does it by itself). */
    refresh,
    ...lock,
    ...createHistoryOperations({ ...deps, ref: historyRef }),
    ...outcomes,
  };
}

/**
 * The remote that holds the state: the configured one, or null (state in this .git) when the
 * repository has no remote at all. A configured remote that is missing while others exist is
 * an error: quietly keeping the state locally would split the team's view of production.
 */
export async function resolveStateRemote(cwd: string, configured = 'origin'): Promise<string | null> {
  const remotes = await listRemotes(cwd);
  if (remotes.includes(configured)) return configured;
  if (remotes.length === 0) return null;
  throw unknownRemoteError(configured, remotes);
}

// Stricter than git's own rules on purpose: the name also appears in messages and environment variables.
const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function assertValidEnvironment(environment: string): void {
  if (!ENVIRONMENT_NAME.test(environment) || environment.includes('..') || environment.endsWith('.lock')) {
    throw badEnvironmentError(environment);
  }
}
