import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type Repo, type World } from '../helpers/git-world.js';
import { deployOf, ENV, firstMessage, originRef, spawnStateChild, storeFor } from './helpers.js';

describe('two shipit processes at the same moment', () => {
  let world: World;
  let cloneA: Repo;
  let cloneB: Repo;

  beforeEach(async () => {
    world = await createWorld();
    cloneA = world.repo;
    cloneB = await world.clone('b');
  });
  afterEach(() => world.cleanup());

  it('race for the lock from two clones: exactly one wins, the other is told who holds it', async () => {
    // Both start at the same instant, after the slow part (starting node and tsx) is over.
    const startAt = Date.now() + 2500;
    const racers = [
      spawnStateChild({ cwd: cloneA.dir, remote: 'origin', environment: ENV, user: 'alice', task: 'race', startAt }),
      spawnStateChild({ cwd: cloneB.dir, remote: 'origin', environment: ENV, user: 'bob', task: 'race', startAt }),
    ];
    const results = await Promise.all(racers.map((child) => firstMessage(child)));
    await Promise.all(racers);

    const winners = results.filter((result) => result.won);
    const losers = results.filter((result) => !result.won);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winner = results[0]?.won ? 'alice' : 'bob';
    expect(losers[0]).toMatchObject({ code: 'locked' });
    expect(losers[0]?.message).toContain(`production is locked by ${winner}`);
    expect(await originRef(world.origin, `refs/shipit/${ENV}/lock`)).toBe(winners[0]?.sha);
  });

  it('a writer killed with -9 in the middle of writing leaves a readable history', async () => {
    const sha = await cloneA.head();
    const writer = spawnStateChild(
      { cwd: cloneA.dir, remote: 'origin', environment: ENV, user: 'dev1', task: 'write-forever' },
      JSON.stringify(deployOf(sha)),
    );
    expect(await firstMessage(writer)).toEqual({ started: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    writer.kill('SIGKILL');
    await writer;

    for (const repo of [cloneA, cloneB]) {
      const [record] = await storeFor(repo).listRecords();
      expect(record).toMatchObject({ id: 1, status: 'running', sha });
      expect(record?.message).toMatch(/^step \d+$/);
    }
    expect(await cloneA.git('fsck', '--no-dangling', '--connectivity-only')).toBe('');
  });
});
