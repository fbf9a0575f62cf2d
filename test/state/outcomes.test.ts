import { access, chmod, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStateStore } from '../../src/state/store.js';
import { deployOf, ENV, originRef, shipitFailure, storeFor, twoClones } from './helpers.js';

const clones = twoClones();
const pendingFile = (dir: string) => join(dir, '.git', 'shipit', 'pending', `${ENV}.json`);
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

async function refuseHistoryWrites(origin: string): Promise<void> {
  const hook = join(origin, 'hooks', 'pre-receive');
  await writeFile(hook, '#!/bin/sh\nwhile read old new ref; do case "$ref" in */history) exit 1;; esac; done\n');
  await chmod(hook, 0o755);
}

describe('deploy outcomes the history refused', () => {
  it('are kept with the lock, refused by the next deploy, and written by the next store that opens', async () => {
    const { a, world } = clones;
    const store = storeFor(a);
    await store.acquireLock({ kind: 'deploy', reason: 'deploy #1' });
    const record = await store.createRecord(deployOf(await a.head()));
    await refuseHistoryWrites(world.origin);

    const error = await shipitFailure(
      store.finishRecord(record.id, { status: 'success', message: 'the script exited 0' }, { action: 'deploy' }),
    );
    expect(error).toMatchObject({ code: 'outcome-not-recorded', exitCode: 3 });
    expect(error.message).toMatch(/^deploy #1 succeeded \(the script exited 0\), but its outcome could not be written/);
    expect(error.hint).toContain('shipit repair');
    expect(await exists(pendingFile(a.dir))).toBe(true);

    const next = storeFor(a);
    expect((await next.listRecords())[0]?.status).toBe('running'); // the flush failed quietly
    expect((await shipitFailure(next.assertNoPendingOutcome())).code).toBe('outcome-pending');

    await rm(join(world.origin, 'hooks', 'pre-receive'));
    const later = storeFor(a);
    expect(await later.listRecords()).toMatchObject([{ id: 1, status: 'success', message: 'the script exited 0' }]);
    expect(await originRef(world.origin, `refs/shipit/${ENV}/lock`)).toBeNull();
    expect(await exists(pendingFile(a.dir))).toBe(false);
  });

  it('are not written by a store on another remote (the offline fallback of status)', async () => {
    const { a, world } = clones;
    const store = storeFor(a);
    const record = await store.createRecord(deployOf(await a.head()));
    await refuseHistoryWrites(world.origin);
    await shipitFailure(store.finishRecord(record.id, { status: 'failure' }, { action: 'deploy' }));
    await rm(join(world.origin, 'hooks', 'pre-receive'));

    const offline = openStateStore({ cwd: a.dir, remote: null, environment: ENV, user: 'dev1' });
    expect((await offline.listRecords())[0]?.status).toBe('running');
    expect(await exists(pendingFile(a.dir))).toBe(true);
    expect((await storeFor(a).listRecords())[0]?.status).toBe('failure');
  });
});

describe('secrets in the history', () => {
  it('are masked in every record and log written, named by the environment or by the config', async () => {
    const { a, world } = clones;
    process.env.SHIPIT_TEST_API_TOKEN = 'tok-0123456789';
    process.env.SHIPIT_TEST_DSN = 'postgres://u:pw@db/x';
    try {
      const store = openStateStore({
        cwd: a.dir,
        remote: 'origin',
        environment: ENV,
        secretNames: ['SHIPIT_TEST_DSN'],
      });
      const record = await store.createRecord({
        ...deployOf(await a.head()),
        forced: { reason: 'used tok-0123456789 by hand', ignoredChecks: [] },
      });
      await store.updateRecord(
        record.id,
        { status: 'failure', message: 'could not reach postgres://u:pw@db/x' },
        { log: 'login tok-0123456789\nconnect postgres://u:pw@db/x\n' },
      );
      const show = (path: string) => a.git('--git-dir', world.origin, 'show', `refs/shipit/${ENV}/history:${path}`);
      const [json, log] = await Promise.all([show('deploys/000001.json'), show('logs/000001.log')]);
      for (const text of [json, log]) {
        expect(text).not.toContain('tok-0123456789');
        expect(text).not.toContain('postgres://u:pw@db/x');
      }
      expect(JSON.parse(json)).toMatchObject({
        message: 'could not reach ***',
        forced: { reason: 'used *** by hand' },
      });
      expect(log).toBe('login ***\nconnect ***');
    } finally {
      delete process.env.SHIPIT_TEST_API_TOKEN;
      delete process.env.SHIPIT_TEST_DSN;
    }
  });
});
