import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import { DUMP_ENV, green, history, hookEnv } from './hook-world.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

/** `shipit deploy` in the background, as a person starts it in a terminal. */
function startDeploy() {
  return execa('node', [BIN, '--config', join(world.repo.dir, '.git', 'test-deploy.config.json'), 'deploy', '--yes'], {
    cwd: world.repo.dir,
    env: { NO_COLOR: '1', CI: 'true', DEPLOY_ROOT: world.deployRoot },
    reject: false,
    all: true,
  });
}

/** A hook whose real work is a background `sleep` (its pid in `pidFile`): stopping the hook must stop it too. */
const sleeper = (pidFile: string) => `sleep 60 & echo $! > "${pidFile}"; wait`;

async function pidIn(file: string, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.trim()) return Number(text);
    if (Date.now() - started > timeoutMs) throw new Error(`${file} never appeared`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function untilGone(pid: number, timeoutMs = 15_000): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('hooks under faults', () => {
  it('Ctrl-C during beforeDeploy stops the hook with its group, records the deploy aborted, exit 130', async () => {
    const { repo } = world;
    const pidFile = join(world.root, 'sleeper.pid');
    await world.writeConfig(repo, { checks: green, hooks: { beforeDeploy: sleeper(pidFile), onFailure: DUMP_ENV } });
    const child = startDeploy();
    const pid = await pidIn(pidFile);
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(await untilGone(pid)).toBe(true);
    expect(await world.currentId()).toBeNull();
    expect(await repo.git('ls-remote', 'origin', 'refs/shipit/production/lock')).toBe('');
    const [record] = await history(world, repo);
    expect(record).toMatchObject({
      status: 'aborted',
      hooks: [
        { name: 'beforeDeploy', status: 'aborted' },
        { name: 'onFailure', status: 'success' },
      ],
    });
    expect(await hookEnv(world, 'onFailure')).toMatchObject({ SHIPIT_OUTCOME: 'aborted' });
  }, 120_000);

  it('kill -9 of shipit during afterDeploy: the watchdog stops the hook', async () => {
    const { repo } = world;
    const pidFile = join(world.root, 'sleeper.pid');
    await world.writeConfig(repo, { checks: green, hooks: { afterDeploy: sleeper(pidFile) } });
    const child = startDeploy();
    const pid = await pidIn(pidFile, 60_000);
    child.kill('SIGKILL');
    await child;
    expect(await untilGone(pid)).toBe(true);
    expect(await world.currentId()).toBe('1'); // the deploy itself went out before its after hook
  }, 120_000);
});
