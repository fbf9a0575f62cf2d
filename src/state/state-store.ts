import type { Lock, LockKind } from './lock-info.js';
import type { PendingOutcome } from './pending.js';
import type { DeployRecord, NewRecord, RecordPatch } from './record.js';

// What every command may ask of one environment's shared state, whatever holds it.
// docs/state-backend.md says how to write a backend; the git refs one is in git-refs/.

export interface StateStoreOptions {
  /** Any directory inside the repository. */
  cwd: string;
  /** The git remote everyone shares (config `remote`, default "origin"); null keeps the state on this machine only. */
  remote: string | null;
  /** Already checked against the naming rule (environment-name.ts) by `openStateStore`. */
  environment: string;
  /** Who is acting; defaults to git's user.name, else the login name. */
  user?: string;
  /** Environment variables whose values are secrets (config `secrets`), besides *TOKEN*, *SECRET*… */
  secretNames?: readonly string[];
}

/** How a backend is opened: synchronously, with no I/O (the first operation does the reaching out). */
export type OpenStateStore = (options: StateStoreOptions) => StateStore;

export interface LockRequest {
  kind: LockKind;
  reason: string;
  deployId?: number;
}

export interface AcquireOptions {
  /** Keep trying this long while someone else holds it (`--lock-wait`); 0 refuses at once. */
  waitMs?: number;
  signal?: AbortSignal;
}

/** `released: false, lock: null`: there was no lock. `released: false, lock`: it is someone else's now. */
export type ReleaseOutcome = { released: true; lock: Lock } | { released: false; lock: Lock | null };

export interface FinishOptions {
  action: 'deploy' | 'rollback';
  log?: string;
  /** After an interrupt there is one attempt, no waiting: the person asked to stop. */
  signal?: AbortSignal;
}

export interface RepairOutcome {
  /** The pending outcome written to the history, if there was one. */
  written: DeployRecord | null;
  /** Whether the lock that deploy kept was released with it. */
  lockReleased: boolean;
  /** `running` records whose process is gone, now `aborted`. */
  aborted: DeployRecord[];
  /** `verifying` records whose process is gone, now `success`, verdict `interrupted` (live, unverified). */
  unverified: DeployRecord[];
}

/**
 * One environment's shared state: a lock (who may deploy now), the history of
 * deploy records (which carry the excluded commits), and the end of each deploy's
 * output. Every write is atomic and reaches the whole team at once, or not at all;
 * of two machines racing for the same change exactly one wins.
 *
 * Freshness: the first read of a process refreshes by itself; later reads see what
 * that refresh brought plus this store's own writes. Writes never act on a stale
 * view: they compare against what the shared state holds at the moment they land.
 */
export interface StateStore {
  readonly environment: string;
  /** The git remote the state is shared through; null when it lives on this machine only. */
  readonly remote: string | null;

  /**
   * Fetches the shared state now, so later reads see every write made elsewhere
   * until this moment. Throws `state-remote-failed` when the shared state cannot be reached.
   * `alongWith`: refspecs of the same remote to fetch in the same `git fetch` (auto: its branch,
   * one fetch a round, not two). True when they came along; false when they did not (no remote,
   * a shallow clone, or they failed): the caller then fetches them itself, with its own errors.
   */
  refresh(alongWith?: string[]): Promise<boolean>;

  /** The lock as the team sees it, or null; `stale` when its process on this host is gone. */
  readLock(): Promise<Lock | null>;
  /**
   * Takes the lock, only if no one holds it (a compare-and-swap from "no lock").
   * Lost race or held: waits up to `waitMs`, retrying, then throws `locked` (exit 4)
   * naming the holder. Aborted by `signal`: throws `interrupted`, leaving no lock behind.
   */
  acquireLock(request: LockRequest, options?: AcquireOptions): Promise<Lock>;
  /**
   * Swaps the lock this store holds for a new one in one step (no moment without a lock).
   * Throws `locked` or `lock-lost` when it is no longer this store's lock.
   */
  replaceLock(request: LockRequest): Promise<Lock>;
  /**
   * Releases the lock if it is this store's, or anyone's with `force`. Without `force`,
   * someone else's lock throws `lock-not-yours` (exit 4), except a manual lock of the same user.
   * Never releases a lock taken by someone else after this store's lock was cleared.
   */
  releaseLock(options?: { force?: boolean }): Promise<ReleaseOutcome>;

  /** Every record, newest first (highest id first), or the newest `limit`. */
  listRecords(options?: { limit?: number }): Promise<DeployRecord[]>;
  /** One record; throws `record-not-found` when the environment has none with that id. */
  readRecord(id: number): Promise<DeployRecord>;
  /** The live release: the newest record whose deploy or rollback succeeded. */
  lastSuccessful(): Promise<DeployRecord | null>;
  /**
   * Adds a record as `running` with the next id (1, 2, 3… per environment, never reused,
   * even when two machines create one at once), this store's user and host, and the time.
   * Exclusions without a `deployId` get the new record's id: this deploy holds them back.
   */
  createRecord(fields: NewRecord): Promise<DeployRecord>;
  /**
   * Applies `patch` to the newest version of the record, with the tail of its output when
   * given (see tailLog). Leaving `running` stamps `finishedAt` and `durationMs` once.
   * Concurrent writes to other records are never lost; on endless contention: `state-conflict`.
   */
  updateRecord(id: number, patch: RecordPatch, options?: { log?: string | Buffer }): Promise<DeployRecord>;
  /** The end of the script's output saved with the record, or null when none was saved. */
  readLog(id: number): Promise<string | null>;

  /**
   * Writes a deploy's final status, retrying a flaky write. When it cannot, the outcome
   * stays in this machine's pending file (with the lock kept), and it throws
   * `outcome-not-recorded`; the next command that opens the store writes it.
   */
  finishRecord(id: number, patch: RecordPatch, options: FinishOptions): Promise<DeployRecord>;
  /** The outcome this machine could not write yet, if any. */
  pendingOutcome(): Promise<PendingOutcome | null>;
  /** Throws `outcome-pending` while such an outcome waits: no deploy plans from a history that misses it. */
  assertNoPendingOutcome(): Promise<void>;
  /** `shipit repair`: writes the pending outcome and records as aborted every `running` deploy whose process is gone. */
  repair(): Promise<RepairOutcome>;
}
