import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

const subjects = (commits: { subject: string }[]) => commits.map((commit) => commit.subject);

describe('exclusions after a rollback', () => {
  it('past an --include: check reports, the released commit goes out again, and the rollback lock exits 4', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [{ type: 'batch-size' }] });
    await world.shipit(repo, ['deploy', '--yes']);
    const search = await repo.commit('feat: search v2', { files: { 'search.txt': 'v2\n' } });
    await repo.commit('feat: cart', { files: { 'cart.txt': 'cart\n' } });
    await repo.push();
    expect((await world.shipit(repo, ['deploy', '--yes', '--exclude', search.slice(0, 7)])).exitCode).toBe(0);
    // The fix builds on the excluded commit: reverting it now would conflict.
    const fix = await repo.commit('fix: search v2', { files: { 'search.txt': 'v2 fixed\n' } });
    await repo.push();
    const stuck = await world.shipit(repo, ['status', '--json']);
    expect(stuck.exitCode).toBe(0);
    expect(JSON.parse(stuck.stdout)).toMatchObject({
      release: null,
      notes: [expect.stringContaining(`cannot be built: excluding ${search.slice(0, 7)} "feat: search v2" conflicts`)],
    });
    expect((await world.shipit(repo, ['deploy', '--yes', '--include', search.slice(0, 7)])).exitCode).toBe(0);
    expect((await world.shipit(repo, ['rollback', '--yes'])).exitCode).toBe(0);
    expect(await world.liveFile('search.txt')).toBeNull();

    // The team released the commit with --include; the rollback changed what runs, not that.
    const check = await world.shipit(repo, ['check', '--json']);
    expect(check.stderr).toBe('');
    expect(check.exitCode).toBe(1);
    const report = JSON.parse(check.stdout);
    expect(report.release).toBe(fix);
    expect(report.batch).toMatchObject({ count: 2, authors: [expect.any(String)], excluded: [] });
    expect(report.checks).toEqual([
      expect.objectContaining({ name: 'lock', status: 'fail' }),
      expect.objectContaining({ name: 'batch-size', status: 'pass' }),
    ]);
    const status = JSON.parse((await world.shipit(repo, ['status', '--json'])).stdout);
    expect(status).toMatchObject({ release: fix, exclusions: [], retired: [] });
    expect(subjects(status.batch.commits)).toEqual(['fix: search v2', 'feat: search v2']);

    // The lock the rollback left refuses at once, before any plan error could.
    for (const args of [[], ['--exclude', 'zzzzzzz']]) {
      const locked = await world.shipit(repo, ['deploy', '--yes', ...args]);
      expect(locked.exitCode, args.join(' ')).toBe(4);
      expect(locked.stderr).toContain('rolled back from');
    }
    expect((await world.shipit(repo, ['unlock'])).exitCode).toBe(0);
    const redeploy = await world.shipit(repo, ['deploy', '--yes']);
    expect(redeploy.exitCode).toBe(0);
    expect(redeploy.stdout).toContain('2 commits by 1 author');
    expect(await world.scriptEnv(5)).toMatchObject({ SHIPIT_SHA: fix, SHIPIT_EXCLUDED: '' });
    expect(await world.liveFile('search.txt')).toBe('v2 fixed\n');
  });

  it('to a release before the exclusion: the exclusion stands and the same release commit goes out again', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [{ type: 'batch-size' }], rollback: { lock: false } });
    await world.shipit(repo, ['deploy', '--yes']);
    const bad = await repo.commit('feat: search v2', { files: { 'search.txt': 'v2\n' } });
    await repo.commit('feat: cart', { files: { 'cart.txt': 'cart\n' } });
    await repo.push();
    expect((await world.shipit(repo, ['deploy', '--yes', '--exclude', bad.slice(0, 7)])).exitCode).toBe(0);
    const release = (await world.scriptEnv(2)).SHIPIT_SHA;
    expect((await world.shipit(repo, ['rollback', '--yes'])).exitCode).toBe(0);
    expect(await world.liveFile('cart.txt')).toBeNull();

    const check = await world.shipit(repo, ['check', '--json']);
    expect(check.stderr).toBe('');
    expect(check.exitCode).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({
      release,
      batch: { count: 1, excluded: [bad] },
    });
    const deployed = await world.shipit(repo, ['deploy', '--yes']);
    expect(deployed.exitCode).toBe(0);
    expect(deployed.stdout).toContain(`still excluded: ${bad.slice(0, 7)} "feat: search v2"`);
    expect(await world.scriptEnv(4)).toMatchObject({ SHIPIT_SHA: release, SHIPIT_EXCLUDED: bad });
    expect(await world.liveFile('cart.txt')).toBe('cart\n');
    expect(await world.liveFile('search.txt')).toBeNull();
  });
});
