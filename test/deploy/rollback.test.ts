import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

describe('shipit rollback', () => {
  it('goes back to the previous good release, skipping failed deploys, runs only rollback checks, then locks', async () => {
    const { repo } = world;
    const checks = [
      { type: 'command', name: 'incident', run: 'test ! -f "$DEPLOY_ROOT/incident"' },
      { type: 'command', name: 'health', run: 'true', on: ['deploy', 'rollback'] },
    ];
    await world.writeConfig(repo, { checks });
    const v1 = await repo.commit('feat: v1', { files: { 'app.txt': 'v1\n' } });
    await repo.push();
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
    const v2 = await repo.commit('feat: v2', { files: { 'app.txt': 'v2\n' } });
    await repo.push();
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
    await repo.commit('feat: v3', { files: { 'app.txt': 'v3\n' } });
    await repo.push();
    await world.writeConfig(repo, { checks, deploy: { run: 'exit 1' } });
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(3);
    expect(await world.liveFile('app.txt')).toBe('v2\n');

    // An open incident blocks deploys, not the way out.
    await import('node:fs/promises').then((fs) => fs.writeFile(`${world.deployRoot}/incident`, 'yes'));
    await world.writeConfig(repo, { checks });
    const rolled = await world.shipit(repo, ['rollback', '--yes']);
    expect(rolled.exitCode).toBe(0);
    expect(rolled.stdout).toContain(`roll back from ${v2.slice(0, 7)} (deploy #2) to ${v1.slice(0, 7)}`);
    expect(rolled.stdout).toMatch(/✔ health/);
    expect(rolled.stdout).not.toMatch(/incident/);
    expect(await world.liveFile('app.txt')).toBe('v1\n');
    expect(await world.scriptEnv(4)).toMatchObject({
      SHIPIT_ACTION: 'rollback',
      SHIPIT_SHA: v1,
      SHIPIT_PREVIOUS_SHA: v2,
    });
    expect(rolled.stdout).toContain(
      `production is now locked: "rolled back from ${v2.slice(0, 7)} to ${v1.slice(0, 7)}"`,
    );

    const history = JSON.parse((await world.shipit(repo, ['history', '--json'])).stdout).records;
    expect(history[0]).toMatchObject({ id: 4, action: 'rollback', status: 'success', sha: v1, previousSha: v2 });

    // Nobody redeploys the bad batch by accident.
    const blocked = await world.shipit(repo, ['deploy', '--yes', '--force', '--reason', 'try']);
    expect(blocked.exitCode).toBe(4);
    expect(blocked.stderr).toContain(`production is locked by dev since`);
    expect(blocked.stderr).toContain(`rolled back from ${v2.slice(0, 7)} to ${v1.slice(0, 7)}`);
    const check = JSON.parse((await world.shipit(repo, ['check', '--json'])).stdout);
    expect(check.checks[0]).toMatchObject({ name: 'lock', status: 'fail' });
    expect((await world.shipit(repo, ['unlock'])).exitCode).toBe(0);
  });

  it('rolls back --to a deploy id or sha; a never-deployed commit needs --force', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [], rollback: { lock: false } });
    const v1 = await repo.commit('feat: v1', { files: { 'app.txt': 'v1\n' } });
    await repo.push();
    await world.shipit(repo, ['deploy', '--yes']);
    const v2 = await repo.commit('feat: v2', { files: { 'app.txt': 'v2\n' } });
    const v3 = await repo.commit('feat: v3', { files: { 'app.txt': 'v3\n' } });
    await repo.push();
    await world.shipit(repo, ['deploy', '--yes']);

    expect((await world.shipit(repo, ['rollback', '--yes', '--to', '#1'])).exitCode).toBe(0);
    expect(await world.liveFile('app.txt')).toBe('v1\n');
    const never = await world.shipit(repo, ['rollback', '--yes', '--to', v2.slice(0, 8)]);
    expect(never.exitCode).toBe(2);
    expect(never.stderr).toContain(`${v2.slice(0, 7)} was never deployed to production`);
    expect((await world.shipit(repo, ['rollback', '--yes', '--to', v2, '--force'])).exitCode).toBe(0);
    expect(await world.liveFile('app.txt')).toBe('v2\n');
    expect((await world.shipit(repo, ['rollback', '--yes', '--to', v3])).exitCode).toBe(0);
    expect(await world.liveFile('app.txt')).toBe('v3\n');
    const unknown = await world.shipit(repo, ['rollback', '--yes', '--to', 'deadbeefcafe']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('not a deploy id or a commit of this repository');
    expect((await world.shipit(repo, ['rollback', '--to', '99'])).stderr).toContain(
      'no deploy #99 in the history of production',
    );
    expect(v1).not.toBe(v3);
  });

  it('says so when there is no history to roll back to', async () => {
    await world.writeConfig(world.repo, { checks: [] });
    const result = await world.shipit(world.repo, ['rollback', '--yes']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('no successful deploy of production is recorded');
  });
});
