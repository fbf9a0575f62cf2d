import { describe, expect, it } from 'vitest';
import { deployOf, ENV, firstMessage, originRef, spawnStateChild, storeFor, twoClones } from './helpers.js';

describe('two shipit processes at the same moment', () => {
  const clones = twoClones();

  it('race for the lock from two clones: exactly one wins, the other is told who holds it', async () => {
    // Both start at the same instant, after the slow part (starting node and tsx) is over.
    const startAt = Date.now() + 2500;
    const racers = [
      spawnStateChild({ cwd: clones.a.dir, remote: 'origin', environment: ENV, user: 'alice', task: 'race', startAt }),
      spawnStateChild({ cwd: clones.b.dir, remote: 'origin', environment: ENV, user: 'bob', task: 'race', startAt }),
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
    expect(await originRef(clones.world.origin, `refs/shipit/${ENV}/lock`)).toBe(winners[0]?.sha);
  });

  it('a writer killed with -9 in the middle of writing leaves a readable history', async () => {
    const sha = await clones.a.head();
    const writer = spawnStateChild(
      { cwd: clones.a.dir, remote: 'origin', environment: ENV, user: 'dev1', task: 'write-forever' },
      JSON.stringify(deployOf(sha)),
    );
    expect(await firstMessage(writer)).toEqual({ started: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    writer.kill('SIGKILL');
    await writer;

    for (const repo of [clones.a, clones.b]) {
      const [record] = await storeFor(repo).listRecords();
      expect(record).toMatchObject({ id: 1, status: 'running', sha });
      expect(record?.message).toMatch(/^step \d+$/);
    }
    expect(await clones.a.git('fsck', '--no-dangling', '--connectivity-only')).toBe('');
  });
});
