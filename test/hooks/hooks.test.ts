import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRunning } from '../exec/process-probe.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import { DUMP_ENV, green, history, hookEnv } from './hook-world.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

describe('lifecycle hooks', () => {
  it('run around a deploy and a rollback with the SHIPIT_* variables and the outcome, and are recorded', async () => {
    const { repo } = world;
    await world.writeConfig(repo, {
      checks: green,
      hooks: { beforeDeploy: DUMP_ENV, afterDeploy: [DUMP_ENV, 'echo warmed'], afterRollback: DUMP_ENV },
    });

    const dry = await world.shipit(repo, ['deploy', '--dry-run']);
    expect(dry.stdout).toContain(`would run the beforeDeploy hook: sh -c ${JSON.stringify(DUMP_ENV)}`);
    expect(dry.stdout).toContain('would run the afterDeploy hook: sh -c "echo warmed"');
    expect(await hookEnv(world, 'beforeDeploy')).toBeNull();

    const deployed = await world.shipit(repo, ['deploy', '--yes']);
    expect(deployed.exitCode).toBe(0);
    expect(deployed.stdout).toContain('warmed');
    expect(deployed.stderr).toContain('→ afterDeploy hook: sh -c "echo warmed"');
    const script = await world.scriptEnv(1);
    expect(await hookEnv(world, 'beforeDeploy')).toEqual({
      ...script,
      SHIPIT_HOOK: 'beforeDeploy',
      SHIPIT_OUTCOME: 'running',
      SHIPIT_EXIT_CODE: '',
      SHIPIT_MESSAGE: '',
    });
    expect(await hookEnv(world, 'afterDeploy')).toEqual({
      ...script,
      SHIPIT_HOOK: 'afterDeploy',
      SHIPIT_OUTCOME: 'success',
      SHIPIT_EXIT_CODE: '0',
      SHIPIT_MESSAGE: 'the script exited 0',
    });

    await repo.commit('feat: cart', { files: { 'cart.txt': 'cart\n' } });
    await repo.push();
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
    const dryRollback = await world.shipit(repo, ['rollback', '--dry-run']);
    expect(dryRollback.stdout).toContain(`would run the afterRollback hook: sh -c ${JSON.stringify(DUMP_ENV)}`);
    expect(dryRollback.stdout).not.toContain('beforeDeploy');
    const rolledBack = await world.shipit(repo, ['rollback', '--yes']);
    expect(rolledBack.exitCode).toBe(0);
    expect(await hookEnv(world, 'afterRollback')).toMatchObject({
      SHIPIT_ACTION: 'rollback',
      SHIPIT_HOOK: 'afterRollback',
      SHIPIT_OUTCOME: 'success',
      SHIPIT_DEPLOY_ID: '3',
    });
    // beforeDeploy is for deploys: it last ran for #2.
    expect((await hookEnv(world, 'beforeDeploy'))?.SHIPIT_DEPLOY_ID).toBe('2');

    const [rollback, second] = await history(world, repo);
    expect(rollback?.hooks?.map((hook) => `${hook.name}:${hook.status}`)).toEqual(['afterRollback:success']);
    expect(second?.hooks?.map((hook) => `${hook.name}:${hook.status}`)).toEqual([
      'beforeDeploy:success',
      'afterDeploy:success',
      'afterDeploy:success',
    ]);
  }, 120_000);

  it('stop the deploy when beforeDeploy fails: the script never runs, the record fails naming the hook, exit 3', async () => {
    const { repo } = world;
    await world.writeConfig(repo, {
      checks: green,
      hooks: { beforeDeploy: 'echo "migration 42 failed" >&2; exit 7', onFailure: DUMP_ENV },
    });
    const result = await world.shipit(repo, ['deploy', '--yes']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('migration 42 failed');
    expect(result.stderr).toContain('error[hook-failed] the beforeDeploy hook failed (exited 7: migration 42 failed)');
    expect(await world.currentId()).toBeNull(); // the deploy script never ran
    const [record] = await history(world, repo);
    expect(record).toMatchObject({ id: 1, status: 'failure' });
    expect(record?.message).toContain('the beforeDeploy hook failed (exited 7');
    expect(record?.hooks).toMatchObject([
      { name: 'beforeDeploy', status: 'failure', exitCode: 7 },
      { name: 'onFailure', status: 'success' },
    ]);
    expect(await hookEnv(world, 'onFailure')).toMatchObject({
      SHIPIT_OUTCOME: 'failure',
      SHIPIT_MESSAGE: 'the beforeDeploy hook failed (exited 7: migration 42 failed)',
    });

    // The lock was released: with the hook fixed, the next deploy goes out.
    await world.writeConfig(repo, { checks: green, hooks: { beforeDeploy: 'true' } });
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
    expect(await world.currentId()).toBe('2');
  }, 120_000);

  it('report a failing afterDeploy as a warning and record it; the deploy still succeeds', async () => {
    const { repo } = world;
    await world.writeConfig(repo, {
      checks: green,
      hooks: { afterDeploy: ['echo "cache purge refused"; exit 1', DUMP_ENV] },
    });
    const result = await world.shipit(repo, ['deploy', '--yes']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('✔ deploy #1');
    expect(result.stderr).toContain(
      "warning: the afterDeploy hook failed (exited 1: cache purge refused); recorded on #1, the deploy's outcome stands",
    );
    // The next hook of the list still ran.
    expect(await hookEnv(world, 'afterDeploy')).toMatchObject({ SHIPIT_OUTCOME: 'success' });
    const [record] = await history(world, repo);
    expect(record).toMatchObject({ status: 'success' });
    expect(record?.hooks).toMatchObject([
      { name: 'afterDeploy', status: 'failure', exitCode: 1, message: 'exited 1: cache purge refused' },
      { name: 'afterDeploy', status: 'success' },
    ]);
  }, 120_000);

  it('run onFailure after a failing script, with its exit code and message', async () => {
    const { repo } = world;
    await world.writeConfig(repo, {
      checks: green,
      deploy: { run: 'echo "disk full"; exit 5' },
      hooks: { afterDeploy: DUMP_ENV, onFailure: DUMP_ENV },
    });
    const result = await world.shipit(repo, ['deploy', '--yes']);
    expect(result.exitCode).toBe(3);
    expect(await hookEnv(world, 'afterDeploy')).toBeNull();
    expect(await hookEnv(world, 'onFailure')).toMatchObject({
      SHIPIT_ACTION: 'deploy',
      SHIPIT_HOOK: 'onFailure',
      SHIPIT_OUTCOME: 'failure',
      SHIPIT_EXIT_CODE: '5',
      SHIPIT_MESSAGE: 'the script exited 5',
      SHIPIT_DEPLOY_ID: '1',
    });
    const [record] = await history(world, repo);
    expect(record).toMatchObject({ status: 'failure', exitCode: 5, hooks: [{ name: 'onFailure', status: 'success' }] });
  }, 120_000);

  it('kill a hook that hangs at its timeout, with its whole process group, and record it', async () => {
    const { repo } = world;
    const pidFile = join(world.root, 'sleeper.pid');
    await world.writeConfig(repo, {
      checks: green,
      hooks: { beforeDeploy: { run: `sleep 60 & echo $! > "${pidFile}"; wait`, timeout: '1s' } },
    });
    const started = Date.now();
    const result = await world.shipit(repo, ['deploy', '--yes']);
    expect(result.exitCode).toBe(3);
    expect(Date.now() - started).toBeLessThan(45_000); // not the minute the hook asked for
    expect(result.stderr).toContain('error[hook-failed] the beforeDeploy hook failed (timed out after 1.0s');
    const sleeper = Number(await readFile(pidFile, 'utf8'));
    expect(await isRunning(sleeper)).toBe(false);
    expect(await world.currentId()).toBeNull();
    const [record] = await history(world, repo);
    expect(record).toMatchObject({ status: 'failure', hooks: [{ name: 'beforeDeploy', status: 'timeout' }] });
    expect(existsSync(join(world.deployRoot, 'releases'))).toBe(false);
  }, 120_000);
});
