import { chmod, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { healthyWorld, history, lockOf, pushBroken } from './verify-world.js';

// Issue 14 part 1, end to end: deploys verified against a real service that turns unhealthy.

// Each case runs the built CLI 3 to 8 times, each deploy with a real verification window: minutes on a loaded machine.
describe('deploy.verify', { timeout: 300_000 }, () => {
  it('a window that passes: the deploy is success, with its rounds recorded', async () => {
    const { world } = await healthyWorld();
    const [record] = await history(world);
    expect(record).toMatchObject({ id: 1, status: 'success' });
    expect(record?.verification).toMatchObject({ verdict: 'passed', forMs: 1000, everyMs: 200, onFailure: 'rollback' });
    expect(record?.verification.roundCount).toBeGreaterThanOrEqual(2);
    expect(record?.verification.rounds.every((round) => round.ok)).toBe(true);
    expect(await lockOf(world)).toBeNull();
  });

  it('failing rounds: faulty, rolled back to the previous good release, locked with the reason, exit 3', async () => {
    const { world } = await healthyWorld({ failAfter: 2 });
    const broken = await pushBroken(world);
    const result = await world.shipit(world.repo, ['deploy']);
    expect(result.exitCode, result.stdout + result.stderr).toBe(3);
    const [rollback, faulty, good] = await history(world);
    expect(faulty).toMatchObject({ id: 2, status: 'faulty', sha: broken });
    expect(faulty?.verification).toMatchObject({ verdict: 'failed', failAfter: 2 });
    expect(faulty?.verification.rounds.slice(-2)).toMatchObject([
      { ok: false, failing: ['health'] },
      { ok: false, failing: ['health'] },
    ]);
    expect(faulty?.verification.rollback).toMatchObject({ id: 3, status: 'success', sha: good?.sha });
    expect(rollback).toMatchObject({ id: 3, action: 'rollback', status: 'success', sha: good?.sha });
    // The server runs the good release again, from the rollback's own release folder.
    expect(await world.currentId()).toBe('3');
    expect(await world.liveFile('health.txt')).toBe('ok\n');
    expect((await lockOf(world))?.reason).toBe(
      `faulty release ${broken.slice(0, 7)}: rolled back to ${good?.sha.slice(0, 7)}`,
    );
    expect(result.stdout).toContain(`shipit deploy --exclude ${broken.slice(0, 7)}`);

    // A faulty release is never a rollback target, even named.
    const named = await world.shipit(world.repo, ['rollback', '--to', '2', '--force']);
    expect(named.exitCode).toBe(2);
    expect(named.stderr).toContain('faulty');

    // The way out works as printed: the suggested deploy ships the rest, and passes its verification.
    await world.repo.commit('a good change after it', { files: { 'feature.txt': 'new\n' } });
    await world.repo.push();
    expect((await world.shipit(world.repo, ['unlock'])).exitCode).toBe(0);
    const out = await world.shipit(world.repo, ['deploy', '--exclude', broken.slice(0, 7)]);
    expect(out.exitCode, out.stdout + out.stderr).toBe(0);
    expect(await world.liveFile('health.txt')).toBe('ok\n');
    expect(await world.liveFile('feature.txt')).toBe('new\n');
    expect((await history(world))[0]).toMatchObject({ id: 4, status: 'success' });
  });

  it('onFailure lock: faulty and locked, nothing rolled back', async () => {
    const { world } = await healthyWorld({ onFailure: 'lock' });
    const broken = await pushBroken(world);
    const result = await world.shipit(world.repo, ['deploy']);
    expect(result.exitCode, result.stdout + result.stderr).toBe(3);
    const records = await history(world);
    expect(records.map((record) => record.status)).toEqual(['faulty', 'success']);
    expect(await world.liveFile('health.txt')).toBe('broken\n');
    expect((await lockOf(world))?.reason).toBe(`faulty release ${broken.slice(0, 7)}: verification failed`);
  });

  it('onFailure none: only recorded; the lock is released', async () => {
    const { world } = await healthyWorld({ onFailure: 'none' });
    await pushBroken(world);
    const result = await world.shipit(world.repo, ['deploy']);
    expect(result.exitCode).toBe(3);
    expect((await history(world)).map((record) => record.status)).toEqual(['faulty', 'success']);
    expect(await lockOf(world)).toBeNull();
    // What runs is still the faulty release: a manual rollback goes back past it to #1.
    const back = await world.shipit(world.repo, ['rollback']);
    expect(back.exitCode, back.stdout + back.stderr).toBe(0);
    expect(await world.liveFile('health.txt')).toBe('ok\n');
  });

  it('a check that hangs: its own timeout fails the round', async () => {
    const { world } = await healthyWorld({ onFailure: 'none' }, {}, '1500ms');
    await pushBroken(world, 'hang\n');
    const result = await world.shipit(world.repo, ['deploy']);
    expect(result.exitCode).toBe(3);
    const [faulty] = await history(world);
    expect(faulty).toMatchObject({ status: 'faulty' });
    expect(faulty?.verification.rounds.at(-1)).toMatchObject({ ok: false, failing: ['health'] });
    expect(result.stdout).toMatch(/health \(timed out after 1.5s\)/);
  });

  it('a rollback that fails itself: locked, said loudly, recorded on the faulty release', async () => {
    const { world } = await healthyWorld({}, { rollback: { run: 'echo rollback broke >&2; exit 7' } });
    const broken = await pushBroken(world);
    const result = await world.shipit(world.repo, ['deploy']);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toMatch(/✖ automatic rollback #3 to [0-9a-f]{7}: failure/);
    const [rollback, faulty, good] = await history(world);
    expect(rollback).toMatchObject({ action: 'rollback', status: 'failure', exitCode: 7 });
    expect(faulty?.verification.rollback).toMatchObject({ id: 3, status: 'failure', sha: good?.sha });
    expect((await lockOf(world))?.reason).toBe(
      `faulty release ${broken.slice(0, 7)}: automatic rollback to ${good?.sha.slice(0, 7)} failed`,
    );
  });

  it('the remote refuses the faulty mark: retried, kept with the lock, and `shipit repair` writes it', async () => {
    const { world } = await healthyWorld();
    // The verification check itself closes the remote to pushes (as an outage would), then fails.
    const flag = join(world.root, 'remote-closed');
    const hook = join(world.origin, 'hooks', 'pre-receive');
    await writeFile(hook, `#!/bin/sh\nif [ -f '${flag}' ]; then echo 'closed for maintenance' >&2; exit 1; fi\n`);
    await chmod(hook, 0o755);
    await world.writeConfig(world.repo, {
      checks: [],
      deploy: {
        run: world.script,
        verify: {
          for: '1s',
          every: '200ms',
          checks: [{ type: 'command', name: 'health', run: `touch '${flag}'; exit 1` }],
        },
      },
    });
    await pushBroken(world);
    const result = await world.shipit(world.repo, ['deploy']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('outcome could not be written');
    expect(result.stderr).toContain('shipit repair');
    // Nothing was rolled back over a history that does not know the release is faulty.
    expect(await world.currentId()).toBe('2');

    await rm(flag);
    const repair = await world.shipit(world.repo, ['repair']);
    expect(repair.exitCode, repair.stdout + repair.stderr).toBe(0);
    const [faulty] = await history(world);
    expect(faulty).toMatchObject({ id: 2, status: 'faulty', verification: { verdict: 'failed' } });
    expect(await lockOf(world)).toBeNull();
  });
});
