import { secretValues } from '../../secrets/mask.js';
import { currentHost, currentUser } from '../identity.js';
import { createOutcomeOperations } from '../outcomes.js';
import { createPendingFile } from '../pending.js';
import type { OpenStateStore, StateStore } from '../state-store.js';
import { createHistoryOperations } from './history.js';
import { createLockOperations } from './lock.js';
import type { Author } from './objects.js';
import { createStateRefs } from './state-refs.js';

/**
 * One environment's shared state, in git refs under refs/shipit/<environment>/:
 * `lock` (a commit whose message is the holder, as JSON) and `history` (a chain
 * of commits whose tree holds every record). Never the work tree, the index,
 * HEAD or the user's branches. The race handling lives in state-refs.ts (a push
 * with a lease: refused as "stale info" means a lost race, so the caller retries).
 */
export const openGitStateStore: OpenStateStore = (options) => {
  const { cwd, remote, environment } = options;
  const prefix = `refs/shipit/${environment}/`;
  const refs = createStateRefs(cwd, remote, prefix);

  let fetched: Promise<boolean> | undefined;
  const refresh = (alongWith?: string[]) => {
    const attempt = refs.refresh(alongWith);
    fetched = attempt;
    attempt.catch(() => {
      if (fetched === attempt) fetched = undefined; // a failed fetch is retried by the next read, not remembered
    });
    return attempt;
  };
  // One fetch per command: the first read fetches, later ones reuse the local copy (writes keep it current).
  const fetchOnce = async () => {
    await (fetched ?? refresh());
  };

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
  const store: StateStore = {
    environment,
    remote,
    refresh,
    ...lock,
    ...createHistoryOperations({ ...deps, ref: historyRef }),
    ...outcomes,
  };
  return store;
};
