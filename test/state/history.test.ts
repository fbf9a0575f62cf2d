import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { LOG_TAIL_BYTES } from '../../src/state/store.js';
import { createWorld, Repo, type World } from '../helpers/git-world.js';
import { deployOf, ENV, originRef, storeFor, twoClones } from './helpers.js';

const HISTORY_REF = `refs/shipit/${ENV}/history`;

describe('the deploy history', () => {
  const clones = twoClones();

  it('is written in one clone and read in another, newest first', async () => {
    const first = await clones.a.head();
    const second = await clones.a.commit('feat: login');
    const storeA = storeFor(clones.a, { user: 'dev1' });

    const one = await storeA.createRecord(deployOf(first));
    await storeA.updateRecord(one.id, { status: 'success', exitCode: 0 });
    const two = await storeA.createRecord(deployOf(second, first));
    await storeA.updateRecord(two.id, { status: 'failure', exitCode: 3, message: 'migrations failed' });

    const records = await storeFor(clones.b).listRecords();
    expect(records.map((record) => [record.id, record.status, record.sha])).toEqual([
      [2, 'failure', second],
      [1, 'success', first],
    ]);
    expect(records[0]).toMatchObject({ environment: ENV, user: 'dev1', previousSha: first, exitCode: 3, excluded: [] });
    expect(await storeFor(clones.b).listRecords({ limit: 1 })).toHaveLength(1);
    expect((await storeFor(clones.b).lastSuccessful())?.id).toBe(1);
  });

  it('records a deploy as running, then its outcome with when it finished and how long it took', async () => {
    const store = storeFor(clones.a);
    const running = await store.createRecord(deployOf(await clones.a.head()));
    expect(running).toMatchObject({ id: 1, status: 'running', host: expect.any(String) });
    expect(running.finishedAt).toBeUndefined();
    expect(await store.lastSuccessful()).toBeNull();

    await new Promise((resolve) => setTimeout(resolve, 50));
    const done = await store.updateRecord(1, { status: 'success', exitCode: 0 }, { log: 'deployed\n' });
    expect(done.status).toBe('success');
    expect(done.durationMs).toBeGreaterThanOrEqual(50);
    expect(Date.parse(done.finishedAt ?? '')).toBeGreaterThan(Date.parse(done.startedAt));

    const readBack = storeFor(clones.b);
    expect(await readBack.readRecord(1)).toEqual(done);
    expect(await readBack.readLog(1)).toBe('deployed\n');
    expect((await readBack.lastSuccessful())?.id).toBe(1);
  });

  it('keeps one history commit per change, chained by first parent, with every record in its tree', async () => {
    const store = storeFor(clones.a);
    const record = await store.createRecord(deployOf(await clones.a.head()));
    await store.updateRecord(record.id, { status: 'success' });
    const chain = await clones.b.git('log', '--first-parent', '--format=%s', HISTORY_REF).catch(() => '');
    expect(chain).toBe(''); // B has not fetched yet: nothing appears in its refs by itself

    await storeFor(clones.b).refresh();
    expect((await clones.b.git('log', '--first-parent', '--format=%s', HISTORY_REF)).split('\n')).toEqual([
      `deploy #1: success ${record.sha.slice(0, 12)}`,
      `deploy #1: running ${record.sha.slice(0, 12)}`,
      'shipit deploy history of production',
    ]);
    expect(await clones.b.git('ls-tree', '-r', '--name-only', HISTORY_REF)).toBe('deploys/000001.json');
  });

  it('keeps only the last 64 KiB of a huge log', async () => {
    const store = storeFor(clones.a);
    const record = await store.createRecord(deployOf(await clones.a.head()));
    const huge = `${'x'.repeat(99)}\n`.repeat(30_000) + 'the last line\n';
    await store.updateRecord(record.id, { status: 'failure' }, { log: huge });
    const log = (await storeFor(clones.b).readLog(record.id)) ?? '';
    expect(Buffer.byteLength(log)).toBeLessThanOrEqual(LOG_TAIL_BYTES);
    expect(log).toMatch(/^\[shipit: \d+ earlier bytes of output not kept\]\n/);
    expect(log.endsWith('x\nthe last line\n')).toBe(true);
  });

  it('retries on a lease conflict: two clones writing with stale copies both land, with distinct ids', async () => {
    const storeA = storeFor(clones.a, { user: 'dev1' });
    const storeB = storeFor(clones.b, { user: 'dev2' });
    await storeA.refresh();
    await storeB.refresh();
    const sha = await clones.a.head();

    await storeA.createRecord(deployOf(sha));
    // B's copy predates A's write: its first push loses the lease, it refetches and re-applies.
    const fromB = await storeB.createRecord(deployOf(sha));
    expect(fromB.id).toBe(2);

    const together = await Promise.all([
      storeA.updateRecord(1, { status: 'success' }),
      storeB.updateRecord(2, { status: 'failure' }),
    ]);
    expect(together.map((record) => record.status)).toEqual(['success', 'failure']);
    const records = await storeFor(await clones.world.clone('c')).listRecords();
    expect(records.map((record) => `${record.id}:${record.user}:${record.status}`)).toEqual([
      '2:dev2:failure',
      '1:dev1:success',
    ]);
  });

  it('keeps a deployed commit that is on no branch reachable on the remote and fetches it with the history', async () => {
    const tree = await clones.a.git('rev-parse', 'HEAD^{tree}');
    const release = await clones.a.git('commit-tree', tree, '-p', 'HEAD', '-m', 'release: main minus a bad commit');
    expect(await clones.a.git('branch', '-a', '--contains', release)).toBe('');

    const store = storeFor(clones.a);
    const record = await store.createRecord({ ...deployOf(release), candidate: await clones.a.head() });
    await store.updateRecord(record.id, { status: 'success' });

    expect(await originRef(clones.world.origin, `${release}^{commit}`)).toBe(release);
    expect((await storeFor(clones.b).lastSuccessful())?.sha).toBe(release);
    expect(await clones.b.git('cat-file', '-t', release)).toBe('commit');
  });

  it('reads an empty history as no records', async () => {
    const store = storeFor(clones.a);
    expect(await store.listRecords()).toEqual([]);
    expect(await store.lastSuccessful()).toBeNull();
    await expect(store.readRecord(7)).rejects.toThrow('production has no deploy #7');
  });
});

describe('the deploy history in a shallow CI checkout', () => {
  let world: World;
  afterEach(() => world.cleanup());

  it('is read and written without fetching the ancestry of old deployed commits', async () => {
    world = await createWorld();
    const dev = world.repo;
    const old = await dev.commit('feat: one');
    for (const name of ['two', 'three', 'four']) await dev.commit(`feat: ${name}`);
    await dev.push();
    const store = storeFor(dev);
    await store.updateRecord((await store.createRecord(deployOf(old))).id, { status: 'success' });

    const ci = new Repo(`${world.root}/ci`);
    await execa('git', ['clone', '-q', '--depth', '1', `file://${world.origin}`, ci.dir]);
    const ciStore = storeFor(ci, { user: 'ci' });
    expect((await ciStore.lastSuccessful())?.sha).toBe(old);
    const next = await ciStore.createRecord(deployOf(await ci.head(), old));
    expect(next.id).toBe(2);
    expect(await ci.git('rev-list', '--count', 'HEAD')).toBe('1');
    expect((await execa('git', ['cat-file', '-e', `${old}~1`], { cwd: ci.dir, reject: false })).exitCode).not.toBe(0);
    expect((await storeFor(world.repo).listRecords()).map((record) => record.user)).toEqual(['ci', 'dev1']);
  });
});
