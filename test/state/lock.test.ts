import { describe, expect, it } from 'vitest';
import { ENV, firstMessage, originRef, shipitFailure, spawnStateChild, storeFor, twoClones } from './helpers.js';

const LOCK_REF = `refs/shipit/${ENV}/lock`;

describe('the environment lock', () => {
  const clones = twoClones();

  it('is taken on the remote: another clone sees it and is refused with who, why and since when', async () => {
    const lock = await storeFor(clones.a, { user: 'dev1' }).acquireLock({ kind: 'manual', reason: 'db migration' });
    expect(await originRef(clones.world.origin, LOCK_REF)).toBe(lock.sha);

    const storeB = storeFor(clones.b, { user: 'dev2' });
    const seen = await storeB.readLock();
    expect(seen).toMatchObject({
      user: 'dev1',
      reason: 'db migration',
      kind: 'manual',
      pid: process.pid,
      stale: false,
    });

    const error = await shipitFailure(storeB.acquireLock({ kind: 'deploy', reason: 'deploy abc' }));
    expect(error.code).toBe('locked');
    expect(error.exitCode).toBe(4);
    expect(error.message).toMatch(/^production is locked by dev1 since \d\d:\d\d: "db migration"$/);
    expect(error.hint).toContain('shipit unlock');
    expect(await originRef(clones.world.origin, LOCK_REF)).toBe(lock.sha);
  });

  it('is released by the process that took it, and can then be taken elsewhere', async () => {
    const storeA = storeFor(clones.a);
    const lock = await storeA.acquireLock({ kind: 'deploy', reason: 'deploy #1' });
    expect(await storeA.releaseLock()).toEqual({ released: true, lock: expect.objectContaining({ sha: lock.sha }) });
    expect(await originRef(clones.world.origin, LOCK_REF)).toBeNull();
    expect(await clones.a.git('for-each-ref', 'refs/shipit/')).toBe('');

    const taken = await storeFor(clones.b, { user: 'dev2' }).acquireLock({ kind: 'deploy', reason: 'deploy #2' });
    expect(await originRef(clones.world.origin, LOCK_REF)).toBe(taken.sha);
  });

  it("needs force to release someone else's lock, and force releases it", async () => {
    await storeFor(clones.a, { user: 'dev1' }).acquireLock({ kind: 'manual', reason: 'freeze' });
    const storeB = storeFor(clones.b, { user: 'dev2' });

    const error = await shipitFailure(storeB.releaseLock());
    expect(error.code).toBe('lock-not-yours');
    expect(error.message).toContain('locked by dev1');
    expect(error.hint).toContain('--force');
    expect(await originRef(clones.world.origin, LOCK_REF)).not.toBeNull();

    const outcome = await storeB.releaseLock({ force: true });
    expect(outcome).toMatchObject({ released: true, lock: { user: 'dev1', reason: 'freeze' } });
    expect(await originRef(clones.world.origin, LOCK_REF)).toBeNull();
  });

  it('lets the same person release their own manual lock from another command without force', async () => {
    await storeFor(clones.a, { user: 'dev1' }).acquireLock({ kind: 'manual', reason: 'freeze' });
    const outcome = await storeFor(clones.b, { user: 'dev1' }).releaseLock();
    expect(outcome.released).toBe(true);
    expect(await originRef(clones.world.origin, LOCK_REF)).toBeNull();
  });

  it('reports nothing to release when there is no lock', async () => {
    expect(await storeFor(clones.a).releaseLock()).toEqual({ released: false, lock: null });
  });

  it('tells a deploy that lost its lock to a forced unlock and a new holder, without deleting the new lock', async () => {
    const storeA = storeFor(clones.a, { user: 'dev1' });
    await storeA.acquireLock({ kind: 'deploy', reason: 'deploy #1' });
    const storeB = storeFor(clones.b, { user: 'dev2' });
    await storeB.releaseLock({ force: true });
    const newLock = await storeB.acquireLock({ kind: 'manual', reason: 'incident' });

    const outcome = await storeA.releaseLock();
    expect(outcome).toMatchObject({ released: false, lock: { user: 'dev2', reason: 'incident' } });
    expect(await originRef(clones.world.origin, LOCK_REF)).toBe(newLock.sha);
  });

  it('replaces the held lock (a rollback leaves one behind) in one step', async () => {
    const storeA = storeFor(clones.a);
    const held = await storeA.acquireLock({ kind: 'rollback', reason: 'rollback #3', deployId: 3 });
    const replaced = await storeA.replaceLock({ kind: 'manual', reason: 'rolled back from aaa to bbb' });
    expect(replaced.sha).not.toBe(held.sha);
    expect(await originRef(clones.world.origin, LOCK_REF)).toBe(replaced.sha);
    expect(await storeFor(clones.b).readLock()).toMatchObject({
      kind: 'manual',
      reason: 'rolled back from aaa to bbb',
    });
  });

  it('waits for a lock to be freed when asked to (--lock-wait)', async () => {
    const storeA = storeFor(clones.a, { user: 'dev1' });
    await storeA.acquireLock({ kind: 'deploy', reason: 'deploy #1' });
    setTimeout(() => void storeA.releaseLock(), 700);

    const started = Date.now();
    const lock = await storeFor(clones.b, { user: 'dev2' }).acquireLock(
      { kind: 'deploy', reason: 'deploy #2' },
      { waitMs: 10_000 },
    );
    expect(lock.user).toBe('dev2');
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(await originRef(clones.world.origin, LOCK_REF)).toBe(lock.sha);
  });

  it('gives up waiting after the wait and says how long it waited', async () => {
    await storeFor(clones.a, { user: 'dev1' }).acquireLock({ kind: 'deploy', reason: 'deploy #1' });
    const started = Date.now();
    const error = await shipitFailure(storeFor(clones.b).acquireLock({ kind: 'deploy', reason: 'x' }, { waitMs: 800 }));
    expect(error.code).toBe('locked');
    expect(error.message).toMatch(/deploy in progress\) \(waited \ds\)$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
  });

  it('stops waiting when interrupted (Ctrl-C during --lock-wait) with exit code 130', async () => {
    await storeFor(clones.a, { user: 'dev1' }).acquireLock({ kind: 'deploy', reason: 'deploy #1' });
    const signal = AbortSignal.timeout(400);
    const error = await shipitFailure(
      storeFor(clones.b).acquireLock({ kind: 'deploy', reason: 'x' }, { waitMs: 20_000, signal }),
    );
    expect(error).toMatchObject({ code: 'interrupted', exitCode: 130 });
    expect(error.message).toBe('interrupted while taking the production lock: nothing was deployed');
  });

  it('recognises the lock of a killed deploy (kill -9) as stale; only a forced unlock clears it', async () => {
    const child = spawnStateChild({
      cwd: clones.a.dir,
      remote: 'origin',
      environment: ENV,
      user: 'dev1',
      task: 'hold',
    });
    expect(await firstMessage(child)).toEqual({ locked: true });
    const storeB = storeFor(clones.b, { user: 'dev1' });
    expect((await storeB.readLock())?.stale).toBe(false);

    child.kill('SIGKILL');
    await child;
    await storeB.refresh();
    const lock = await storeB.readLock();
    expect(lock).toMatchObject({ stale: true, kind: 'deploy', pid: child.pid });

    const refused = await shipitFailure(storeB.acquireLock({ kind: 'deploy', reason: 'deploy #2' }));
    expect(refused.code).toBe('locked');
    expect(refused.message).toContain('the lock is stale');
    expect(refused.hint).toContain(`pid ${child.pid}`);
    expect((await shipitFailure(storeB.releaseLock())).code).toBe('lock-not-yours');

    expect((await storeB.releaseLock({ force: true })).released).toBe(true);
    expect(await originRef(clones.world.origin, LOCK_REF)).toBeNull();
  });

  it('treats a lock ref made by hand as a manual lock', async () => {
    await clones.a.git('push', '-q', 'origin', `HEAD:${LOCK_REF}`);
    const lock = await storeFor(clones.b).readLock();
    expect(lock).toMatchObject({ user: 'unknown', kind: 'manual', reason: 'initial commit', stale: false });
    expect((await shipitFailure(storeFor(clones.b).acquireLock({ kind: 'deploy', reason: 'x' }))).code).toBe('locked');
  });
});
