import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

const root = (name: string) => join(world.root, name);

/** Staging and production deploy to their own folders; production promotes from staging. */
function config(promote: Record<string, unknown> = { from: 'staging' }, stagingRun?: string) {
  return {
    checks: [{ type: 'command', name: 'tests', run: 'true' }],
    environments: {
      staging: { deploy: { run: stagingRun ?? world.script, env: { DEPLOY_ROOT: root('staging') } } },
      production: { deploy: { run: world.script, env: { DEPLOY_ROOT: root('production') } }, promote },
    },
  };
}

/** The SHIPIT_* variables the production script saw on its deploy `id`. */
async function productionEnv(id: number): Promise<Record<string, string>> {
  const text = await readFile(join(root('production'), 'releases', `${id}.env`), 'utf8');
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => line.split(/=(.*)/s).slice(0, 2)),
  );
}

describe('shipit deploy --from', () => {
  it('ships exactly what staging runs: its release commit, its exclusions, recorded as a promotion', async () => {
    const { repo } = world;
    await world.writeConfig(repo, config());
    expect((await world.shipit(repo, ['deploy', '--yes', '--env', 'staging'])).exitCode).toBe(0);
    await repo.commit('feat: cart', { files: { 'cart.txt': 'cart\n' } });
    const bad = await repo.commit('feat: search v2', { files: { 'search.txt': 'v2\n' } });
    await repo.commit('feat: wishlist', { files: { 'wishlist.txt': 'wishlist\n' } });
    await repo.push();
    const staged = await world.shipit(repo, ['deploy', '--yes', '--env', 'staging', '-x', bad, '--reason', 'slow']);
    expect(staged.exitCode, staged.stderr).toBe(0);
    const stagingLive = JSON.parse((await world.shipit(repo, ['status', '--json', '--env', 'staging'])).stdout);
    const release = stagingLive.live.sha as string;
    expect(release).not.toBe(stagingLive.live.candidate);

    // A newer commit on the branch does not go to production: only what staging runs does.
    await repo.commit('feat: not on staging yet', { files: { 'later.txt': 'later\n' } });
    await repo.push();

    const promoted = await world.shipit(repo, ['deploy', '--yes', '--env', 'production', '--from', 'staging']);
    expect(promoted.exitCode, promoted.stderr).toBe(0);
    expect(promoted.stderr + promoted.stdout).toContain("Promoting staging's deploy #2");
    expect((await productionEnv(1)).SHIPIT_SHA).toBe(release);
    const live = join(root('production'), 'current');
    await expect(readFile(join(live, 'cart.txt'), 'utf8')).resolves.toBe('cart\n');
    await expect(readFile(join(live, 'search.txt'), 'utf8')).rejects.toThrow();
    await expect(readFile(join(live, 'later.txt'), 'utf8')).rejects.toThrow();

    const [record] = JSON.parse((await world.shipit(repo, ['history', '--json'])).stdout).records;
    expect(record.sha).toBe(release);
    expect(record.promotedFrom).toEqual({ environment: 'staging', deployId: 2 });
    expect(record.excluded).toEqual([
      { sha: bad, subject: 'feat: search v2', reason: 'slow', by: 'dev', deployId: record.id },
    ]);
    const status = JSON.parse((await world.shipit(repo, ['status', '--json'])).stdout);
    expect(status.exclusions.map((entry: { sha: string }) => entry.sha)).toEqual([bad]);

    // --from alone takes promote.from; staging still runs the same release: nothing to do.
    const again = await world.shipit(repo, ['deploy', '--yes', '--env', 'production', '--from']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toContain('Nothing to deploy: production already runs');
  }, 180_000); // a dozen CLI runs against real git

  it('refuses to promote from an environment never deployed (exit 2)', async () => {
    await world.writeConfig(world.repo, config());
    const result = await world.shipit(world.repo, ['deploy', '--yes', '--env', 'production', '--from', 'staging']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('staging was never deployed: there is nothing to promote to production');
    await expect(readFile(join(root('production'), 'releases', '1.env'), 'utf8')).rejects.toThrow();
  });

  it("refuses when staging's last deploy failed (exit 2)", async () => {
    const { repo } = world;
    await world.writeConfig(repo, config());
    expect((await world.shipit(repo, ['deploy', '--yes', '--env', 'staging'])).exitCode).toBe(0);
    await world.writeConfig(repo, config({ from: 'staging' }, 'exit 3'));
    await repo.commit('feat: broken', { files: { 'broken.txt': 'x\n' } });
    await repo.push();
    expect((await world.shipit(repo, ['deploy', '--yes', '--env', 'staging'])).exitCode).toBe(3);

    const result = await world.shipit(repo, ['deploy', '--yes', '--env', 'production', '--from']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/staging's last deploy \(#2, [0-9a-f]{7}\) is failure/);
  }, 90_000);

  it('refuses a release younger than the soak time, and promotes it once soaked', async () => {
    const { repo } = world;
    await world.writeConfig(repo, config({ from: 'staging', soak: '30m' }));
    expect((await world.shipit(repo, ['deploy', '--yes', '--env', 'staging'])).exitCode).toBe(0);

    const early = await world.shipit(repo, ['deploy', '--yes', '--env', 'production', '--from']);
    expect(early.exitCode).toBe(2);
    expect(early.stderr).toMatch(
      /staging's release [0-9a-f]{7} \(deploy #1\) has been live .*, less than the 30m soak/,
    );

    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const soaked = await world.shipit(repo, ['deploy', '--yes', '--env', 'production', '--from'], {
      SHIPIT_NOW: inAnHour,
    });
    expect(soaked.exitCode, soaked.stderr).toBe(0);
  }, 90_000);
});
