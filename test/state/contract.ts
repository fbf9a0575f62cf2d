import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StateStore } from '../../src/state/store.js';
import { deployOf, shipitFailure } from './helpers.js';

/** Two machines sharing one environment's state; `open` gives each a fresh store, as a new command would. */
export interface SharedState {
  open(machine: 'a' | 'b', user?: string): StateStore;
  /** A commit sha both machines know, to record as deployed. */
  sha: string;
  cleanup(): Promise<void>;
}

const SECRET = 'hunter2-contract-secret';

/**
 * The contract of docs/state-backend.md, through the StateStore interface only:
 * every backend runs it (see git-contract.test.ts) and must pass it unchanged.
 */
export function describeStateStoreContract(backend: string, share: () => Promise<SharedState>): void {
  describe(`the ${backend} state backend keeps the StateStore contract`, () => {
    let state: SharedState;
    beforeEach(async () => {
      state = await share();
    });
    afterEach(() => state.cleanup());

    it('lock: one holder at a time, named in the refusal; released by its holder, then free for others', async () => {
      const a = state.open('a', 'dev1');
      const b = state.open('b', 'dev2');
      const [first, second] = await Promise.allSettled([
        a.acquireLock({ kind: 'deploy', reason: 'deploy by dev1' }),
        b.acquireLock({ kind: 'deploy', reason: 'deploy by dev2' }),
      ]);
      const won = [first, second].filter((result) => result.status === 'fulfilled');
      expect(won).toHaveLength(1); // a lost race is a refusal, never two holders
      const [winner, loser] = first.status === 'fulfilled' ? [a, b] : [b, a];
      const error = await shipitFailure(loser.acquireLock({ kind: 'deploy', reason: 'again' }));
      expect(error).toMatchObject({ code: 'locked', exitCode: 4 });
      expect(error.message).toContain(`is locked by ${winner === a ? 'dev1' : 'dev2'}`);

      const refused = await shipitFailure(loser.releaseLock());
      expect(refused).toMatchObject({ code: 'lock-not-yours', exitCode: 4 });
      expect(await winner.releaseLock()).toMatchObject({ released: true, lock: { kind: 'deploy' } });
      expect(await winner.releaseLock()).toEqual({ released: false, lock: null });
      await loser.refresh();
      expect(await loser.readLock()).toBeNull();
      await loser.acquireLock({ kind: 'manual', reason: 'db migration' });
    });

    it('lock: replaced in one step by its holder; lost when someone forces it away', async () => {
      const a = state.open('a', 'dev1');
      const taken = await a.acquireLock({ kind: 'rollback', reason: 'rollback' });
      const replaced = await a.replaceLock({ kind: 'manual', reason: 'rolled back' });
      expect(replaced).toMatchObject({ kind: 'manual', reason: 'rolled back', user: 'dev1', stale: false });
      expect(replaced.sha).not.toBe(taken.sha);

      const b = state.open('b', 'dev2');
      expect(await b.readLock()).toMatchObject({ sha: replaced.sha, environment: a.environment });
      expect(await b.releaseLock({ force: true })).toMatchObject({ released: true });
      expect(await shipitFailure(a.replaceLock({ kind: 'manual', reason: 'late' }))).toMatchObject({
        code: 'lock-lost',
      });
    });

    it('history: ids never reused under concurrent creates; newest first; patches stamp the finish', async () => {
      const a = state.open('a', 'dev1');
      const b = state.open('b', 'dev2');
      const exclusion = { sha: state.sha, subject: 'bad', reason: 'broken', by: 'dev1' };
      const created = await Promise.all([
        a.createRecord({ ...deployOf(state.sha), excluded: [exclusion] }),
        b.createRecord(deployOf(state.sha)),
      ]);
      expect(created.map((record) => record.id).sort()).toEqual([1, 2]);
      const first = created[0]!;
      expect(first).toMatchObject({ status: 'running', user: 'dev1', environment: a.environment });
      expect(first.excluded).toEqual([{ ...exclusion, deployId: first.id }]);

      const done = await a.updateRecord(first.id, { status: 'success' }, { log: 'migrated\n' });
      expect(done.finishedAt).toBeDefined();
      expect(done.durationMs).toBeGreaterThanOrEqual(0);

      const reader = state.open('b');
      expect((await reader.listRecords()).map((record) => record.id)).toEqual([2, 1]);
      expect(await reader.listRecords({ limit: 1 })).toHaveLength(1);
      expect(await reader.readRecord(first.id)).toEqual(done);
      expect(await reader.lastSuccessful()).toEqual(done);
      expect(await reader.readLog(first.id)).toBe('migrated\n');
      expect(await reader.readLog(3 - first.id)).toBeNull();
      expect(await shipitFailure(reader.readRecord(9))).toMatchObject({ code: 'record-not-found' });
    });

    it('refresh: shows what another machine wrote since this store last looked', async () => {
      const b = state.open('b');
      expect(await b.listRecords()).toEqual([]);
      const written = await state.open('a').createRecord(deployOf(state.sha));
      await b.refresh();
      expect(await b.listRecords()).toEqual([written]);
    });

    it('never stores a secret value, in records, logs or lock reasons', async () => {
      process.env.CONTRACT_DEPLOY_TOKEN = SECRET;
      try {
        const a = state.open('a');
        const lock = await a.acquireLock({ kind: 'manual', reason: `token ${SECRET}` });
        const record = await a.createRecord({ ...deployOf(state.sha), message: `uses ${SECRET}` });
        await a.updateRecord(record.id, { status: 'failure' }, { log: `echo ${SECRET}\n` });
        const b = state.open('b');
        const seen = JSON.stringify([await b.readLock(), await b.listRecords(), await b.readLog(record.id), lock]);
        expect(seen).not.toContain(SECRET);
      } finally {
        delete process.env.CONTRACT_DEPLOY_TOKEN;
      }
    });

    it('outcomes: finishRecord writes the final status; repair aborts a running deploy nobody holds', async () => {
      const a = state.open('a');
      const finished = await a.createRecord(deployOf(state.sha));
      const orphan = await a.createRecord(deployOf(state.sha));
      const done = await a.finishRecord(finished.id, { status: 'success' }, { action: 'deploy' });
      expect(done).toMatchObject({ id: finished.id, status: 'success' });
      expect(await a.pendingOutcome()).toBeNull();
      await a.assertNoPendingOutcome();

      const repaired = await state.open('b').repair();
      expect(repaired).toMatchObject({ written: null, lockReleased: false });
      expect(repaired.aborted.map((record) => [record.id, record.status])).toEqual([[orphan.id, 'aborted']]);
    });
  });
}
