import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCommits } from '../../src/git/commits.js';
import { type BuiltinOptions, builtinRun, fakeCheckContext } from '../helpers/check-builders.js';
import { runCli } from '../helpers/cli.js';
import { createWorld, type World } from '../helpers/git-world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.cleanup());

async function runCheck(check: object, env: Record<string, string> = {}, args: string[] = []) {
  await writeFile(join(world.repo.dir, 'deploy.config.json'), JSON.stringify({ checks: [{ name: 'it', ...check }] }));
  const result = await runCli(['check', '--json', ...args], { cwd: world.repo.dir, env });
  return JSON.parse(result.stdout).checks[0];
}

describe('deploy-window', () => {
  const window = {
    type: 'deploy-window',
    timezone: 'Europe/Paris',
    days: ['mon', 'tue', 'wed', 'thu'],
    hours: { from: '09:00', to: '17:00' },
    freeze: [{ from: '2026-12-21', to: '2027-01-02', reason: 'holidays' }],
  };

  it('passes inside the window, in the configured time zone', async () => {
    // 15:30 UTC on a Tuesday is 16:30 in Paris: inside 09:00-17:00.
    const result = await runCheck(window, { SHIPIT_NOW: '2026-11-24T15:30:00Z' });
    expect(result).toMatchObject({
      status: 'pass',
      summary: 'inside the deploy window (now tue 2026-11-24 16:30 Europe/Paris)',
    });
  });

  it('fails after hours, on a day off and during a freeze', async () => {
    expect((await runCheck(window, { SHIPIT_NOW: '2026-11-24T16:30:00Z' })).summary).toBe(
      'outside the deploy window 09:00-17:00 (now tue 2026-11-24 17:30 Europe/Paris)',
    );
    expect((await runCheck(window, { SHIPIT_NOW: '2026-11-27T10:00:00Z' })).summary).toMatch(/^no deploys on fri/);
    const frozen = await runCheck(window, { SHIPIT_NOW: '2026-12-22T10:00:00Z' });
    expect(frozen).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(/^deploy freeze 2026-12-21 to 2027-01-02: holidays/),
    });
  });

  it('rejects a bad time zone in the config', async () => {
    await writeFile(
      join(world.repo.dir, 'deploy.config.json'),
      JSON.stringify({ checks: [{ name: 'w', type: 'deploy-window', timezone: 'Mars/Olympus' }] }),
    );
    const result = await runCli(['check'], { cwd: world.repo.dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('checks[0].timezone: expected an IANA time zone like "Europe/Paris"');
  });
});

describe('batch-size', () => {
  it('warns or fails on the commits and distinct authors of the batch', async () => {
    const production = await world.repo.head();
    for (const author of ['ana', 'bo', 'ana', 'cy']) await world.repo.commit(`feat: work by ${author}`, { author });
    const batch = await listCommits(world.repo.dir, await world.repo.head(), [production]);
    const run = (options: BuiltinOptions<'batch-size'>) =>
      builtinRun('batch-size', options)(fakeCheckContext({ batch }));

    expect(await run({ commits: { warn: 5 }, authors: { warn: 3 } })).toMatchObject({
      status: 'pass',
      summary: '4 commits by 3 authors',
    });
    expect(await run({ commits: { warn: 3, fail: 10 } })).toMatchObject({
      status: 'warn',
      summary: '4 commits by 3 authors (commits above 3: deploy smaller batches more often)',
    });
    const failed = await run({ commits: { warn: 2 }, authors: { fail: 2 } });
    expect(failed.status).toBe('fail');
    expect(failed.details).toEqual(['authors: cy, ana, bo']);
  });
});
