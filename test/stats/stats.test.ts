import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStateStore } from '../../src/state/store.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import type { Repo } from '../helpers/git-world.js';
import { strictAjv } from '../json/ajv.js';

let world: DeployWorld;
beforeAll(async () => {
  world = await createDeployWorld();
  await world.writeConfig(world.repo, { checks: [{ type: 'command', name: 'tests', run: 'true' }] });
});
afterAll(() => world.cleanup());

const NOW = '2026-11-30T12:00:00Z';

async function stats(repo: Repo, args: string[] = []) {
  const result = await world.shipit(repo, ['stats', '--json', ...args], { SHIPIT_NOW: NOW });
  expect(result.exitCode, result.stderr).toBe(0);
  const document = JSON.parse(result.stdout);
  const ajv = strictAjv();
  const read = async (name: string) =>
    JSON.parse(await readFile(new URL(`../../docs/schemas/${name}.schema.json`, import.meta.url), 'utf8'));
  ajv.addSchema(await read('common'));
  const validate = ajv.compile(await read('stats'));
  expect(validate(document) ? [] : validate.errors).toEqual([]);
  return document;
}

/** `count` new commits on the branch; returns the last. */
async function commits(repo: Repo, count: number, label: string): Promise<string> {
  for (let index = 1; index <= count; index++) await repo.commit(`${label} ${index}`);
  return repo.head();
}

describe('shipit stats', () => {
  it('says there is nothing yet on an empty history', async () => {
    const document = await stats(world.repo);
    expect(document).toMatchObject({
      environment: 'production',
      since: '30d',
      days: 30,
      deploys: { total: 0, successful: 0, failed: 0, faulty: 0, rolledBack: 0 },
      deployFrequency: { perDay: 0, perWeek: 0 },
      batchSize: { median: null, counted: 0 },
      changeFailureRate: null,
      timeToRestore: { medianMs: null, restored: 0, unrestored: 0 },
    });
    const text = await world.shipit(world.repo, ['stats'], { SHIPIT_NOW: NOW });
    expect(text.stdout).toContain('No deploy in this period.');
    expect(text.stdout).toContain('change failure rate  n/a');
  });

  it('refuses a period that is no duration', async () => {
    const result = await world.shipit(world.repo, ['stats', '--since', 'last month']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('error[bad-since] --since last month');
  });

  it('computes the four figures of a history built by hand', async () => {
    const { repo } = world;
    const a = await repo.head();
    const b = await commits(repo, 2, 'b');
    const c = await commits(repo, 3, 'c');
    const d = await commits(repo, 1, 'd');
    const e = await commits(repo, 1, 'e');
    const f = await commits(repo, 1, 'f');
    await repo.push();
    const store = openStateStore({ cwd: repo.dir, remote: 'origin', environment: 'production', user: 'dev' });
    const write = async (
      action: 'deploy' | 'rollback',
      [previousSha, candidate]: [string | null, string],
      startedAt: string,
      status: 'success' | 'failure' | 'faulty' | 'aborted',
      finishedAt?: string,
    ) => {
      const record = await store.createRecord({
        action,
        sha: candidate,
        candidate,
        ref: 'origin/main',
        previousSha,
        startedAt,
      });
      await store.updateRecord(record.id, { status, finishedAt });
    };
    await write('deploy', [null, a], '2026-10-01T10:00:00Z', 'success', '2026-10-01T10:05:00Z'); // #1 before the period
    await write('deploy', [a, b], '2026-11-02T10:00:00Z', 'success', '2026-11-02T10:05:00Z'); // #2: 2 commits
    await write('deploy', [b, c], '2026-11-05T10:00:00Z', 'failure', '2026-11-05T10:04:00Z'); // #3: 3, fails
    await write('deploy', [b, c], '2026-11-05T11:00:00Z', 'success', '2026-11-05T11:10:00Z'); // #4: 3, restores (70m)
    await write('deploy', [c, d], '2026-11-10T09:00:00Z', 'success', '2026-11-10T09:05:00Z'); // #5: 1, rolled back
    await write('rollback', [d, c], '2026-11-10T09:30:00Z', 'success', '2026-11-10T09:32:00Z'); // #6 restores (32m)
    await write('deploy', [c, e], '2026-11-20T14:00:00Z', 'faulty', '2026-11-20T14:20:00Z'); // #7: 2, faulty
    await write('deploy', [c, e], '2026-11-20T15:00:00Z', 'aborted', '2026-11-20T15:01:00Z'); // #8: not counted
    await write('deploy', [c, f], '2026-11-21T10:00:00Z', 'success', '2026-11-21T10:20:00Z'); // #9: 3, restores (20h20m)

    const document = await stats(repo);
    expect(document).toMatchObject({
      from: '2026-10-31T12:00:00.000Z',
      to: '2026-11-30T12:00:00.000Z',
      // #2 #3 #4 #5 #7 #9; successful #2 #4 #5 #9
      deploys: { total: 6, successful: 4, failed: 1, faulty: 1, rolledBack: 1 },
      deployFrequency: { perDay: 0.133, perWeek: 0.933 }, // 4 / 30 days
      batchSize: { median: 2.5, counted: 6 }, // [1, 2, 2, 3, 3, 3]
      changeFailureRate: 0.5, // #3 failed, #5 rolled back, #7 faulty: 3 of 6
      timeToRestore: { medianMs: 70 * 60_000, restored: 3, unrestored: 0 }, // 32m, 70m, 20h20m
    });

    // Ten days back: #7 (faulty), #8 (aborted, not counted) and #9, which restored #7 after 20h20m.
    const tenDays = await stats(repo, ['--since', '10d']);
    expect(tenDays).toMatchObject({
      deploys: { total: 2, successful: 1, faulty: 1 },
      changeFailureRate: 0.5,
      timeToRestore: { medianMs: (20 * 60 + 20) * 60_000, restored: 1, unrestored: 0 },
    });
    const text = await world.shipit(repo, ['stats'], { SHIPIT_NOW: NOW });
    expect(text.stdout).toContain('change failure rate  50% (1 failed, 1 faulty, 1 rolled back, of 6 deploys)');
    expect(text.stdout).toContain('time to restore      70m (median of 3 restored; 0 not restored yet)');
  }, 120_000); // eighteen writes to the shared history and three CLI runs
});
