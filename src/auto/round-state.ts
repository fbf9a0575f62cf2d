import type { DeployRecord, Lock, StateStore } from '../state/store.js';
import { compareWithRemote, type InStep } from './remote-in-step.js';

/** What one `auto` process remembers of the remote between its rounds. */
export interface RoundMemory {
  /** An earlier round fetched: later ones look at the remote first and fetch only what moved. */
  fetched?: boolean;
  /** What the last round's look found in step, compared with this clone's refs (none after a fetch). */
  inStep?: InStep;
  /** The history an earlier round read, by the state refs it was read at (kept only when unlocked). */
  lastRead?: { stateKey: string; records: DeployRecord[] };
}

export interface RoundState {
  lock: Lock | null;
  /** Every record, newest first. */
  records: DeployRecord[];
  /** The branch is current in this clone: the plan need not fetch it. */
  branchFetched: boolean;
  /** The branch tip, when the look found the clone in step with the remote (no fetch this round). */
  tip?: string;
}

/**
 * The remote's state as one round sees it. Every round asks the remote. The first fetches (the
 * store's own freshness rests on it, and `--once` has no other round); later, when nothing moved
 * (the common round of `--interval`), nothing is fetched, and a history read unlocked at the very
 * same state refs still holds. When the remote answers as the last look found it in step, its
 * answer alone is enough: the round acts on the remote's refs, which are what counts (a deploy's
 * lock is a compare-and-swap on the remote whatever this clone holds), and this process's own
 * deploy moves the remote, so the next round fetches. A lock is always read afresh: whether it is stale changes with
 * time, not with its ref. Else one fetch brings the branch along with the state.
 */
export async function readRoundState(
  store: StateStore,
  where: { repoRoot: string; environment: string; branch?: string },
  memory: RoundMemory,
): Promise<RoundState> {
  const { branch, environment } = where;
  const { remote } = store;
  const look = memory.fetched && branch && remote;
  const inStep = look ? await compareWithRemote(where.repoRoot, { remote, environment, branch }, memory.inStep) : null;
  memory.inStep = inStep ?? undefined;
  const alongWith = branch && remote ? [`+refs/heads/${branch}:refs/remotes/${remote}/${branch}`] : [];
  const branchFetched = inStep !== null || (await store.refresh(alongWith));
  memory.fetched = true;
  await store.assertNoPendingOutcome();
  const tip = inStep?.branchTip;
  const known = memory.lastRead;
  if (inStep && known?.stateKey === inStep.stateKey) return { lock: null, records: known.records, branchFetched, tip };
  const [lock, records] = await Promise.all([store.readLock(), store.listRecords()]);
  memory.lastRead = inStep && !lock ? { stateKey: inStep.stateKey, records } : undefined;
  return { lock, records, branchFetched, tip };
}
