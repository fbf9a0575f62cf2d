import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

const green = [{ type: 'command', name: 'tests', run: 'true' }];

describe('shipit deploy', () => {
  it('deploys the branch tip, records it where another clone sees it, and passes the SHIPIT_ variables', async () => {
    const { repo } = world;
    const first = await repo.commit('feat: login page', { files: { 'login.txt': 'login v1\n' }, author: 'ana' });
    await repo.push();
    await world.writeConfig(repo, { checks: green });

    const result = await world.shipit(repo, ['deploy', '--yes']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('✔ deploy #1 of');
    expect(await world.currentId()).toBe('1');
    expect(await world.liveFile('login.txt')).toBe('login v1\n');
    const env = await world.scriptEnv(1);
    expect(env).toMatchObject({
      SHIPIT_ACTION: 'deploy',
      SHIPIT_ENVIRONMENT: 'production',
      SHIPIT_SHA: first,
      SHIPIT_PREVIOUS_SHA: '',
      SHIPIT_DEPLOY_ID: '1',
      SHIPIT_REF: 'origin/main',
      SHIPIT_EXCLUDED: '',
      SHIPIT_USER: 'dev',
    });

    // A second laptop sees what is live, and ships only what came since.
    const other = await world.clone('other');
    const second = await other.commit('feat: signup page', { files: { 'signup.txt': 'signup\n' }, author: 'bo' });
    await other.push();
    await world.writeConfig(other, { checks: green });
    const status = JSON.parse((await world.shipit(other, ['status', '--json'])).stdout);
    expect(status.live).toMatchObject({ sha: first, deployId: 1, user: 'dev' });
    expect(status.batch.commits.map((commit: { sha: string }) => commit.sha)).toEqual([second]);

    expect((await world.shipit(other, ['deploy', '--yes'])).exitCode).toBe(0);
    expect(await world.scriptEnv(2)).toMatchObject({
      SHIPIT_SHA: second,
      SHIPIT_PREVIOUS_SHA: first,
      SHIPIT_USER: 'other',
    });
    const history = JSON.parse((await world.shipit(repo, ['history', '--json'])).stdout).records;
    expect(history.map((r: { id: number; status: string; user: string }) => `${r.id}:${r.status}:${r.user}`)).toEqual([
      '2:success:other',
      '1:success:dev',
    ]);

    const again = await world.shipit(repo, ['deploy', '--yes']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain(`Nothing to deploy: production already runs ${second.slice(0, 7)}`);
    expect(await repo.git('status', '--porcelain')).toBe('');
  });

  it('refuses on a blocked gate, and --force --reason deploys anyway and records why', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [...green, { type: 'command', name: 'smoke', run: 'exit 1' }] });
    const refused = await world.shipit(repo, ['deploy', '--yes']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toContain('GATE BLOCKED: 1 failing');
    expect(refused.stdout).toContain('Refusing to deploy: the gate is blocked (smoke)');
    expect(await world.currentId()).toBeNull();
    expect(JSON.parse((await world.shipit(repo, ['history', '--json'])).stdout).records).toEqual([]);

    const noReason = await world.shipit(repo, ['deploy', '--yes', '--force']);
    expect(noReason.exitCode).toBe(2);
    expect(noReason.stderr).toContain('--force needs --reason');

    const forced = await world.shipit(repo, ['deploy', '--yes', '--force', '--reason', 'hotfix, smoke env is down']);
    expect(forced.exitCode).toBe(0);
    const [record] = JSON.parse((await world.shipit(repo, ['history', '--json'])).stdout).records;
    expect(record).toMatchObject({
      status: 'success',
      forced: { reason: 'hotfix, smoke env is down', ignoredChecks: ['smoke'] },
    });
  });

  it('--dry-run prints the command and variables and changes nothing', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: green, deploy: { run: world.script, env: { REGION: 'eu' } } });
    const result = await world.shipit(repo, ['deploy', '--dry-run']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`would run: sh -c ${JSON.stringify(world.script)}`);
    expect(result.stdout).toContain(`SHIPIT_SHA=${await repo.head()}`);
    expect(result.stdout).toContain('REGION=eu');
    expect(result.stdout).toContain('Nothing was locked, pushed or recorded.');
    expect(await world.currentId()).toBeNull();
    expect(await repo.git('ls-remote', 'origin', 'refs/shipit/*')).toBe('');
  });

  it('records a failing script as failure, exits 3, keeps what was live and releases the lock', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: green });
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
    await repo.commit('feat: broken', { files: { 'broken.txt': 'x' } });
    await repo.push();
    await world.writeConfig(repo, { checks: green, deploy: { run: 'echo starting; echo boom >&2; exit 7' } });
    const failed = await world.shipit(repo, ['deploy', '--yes']);
    expect(failed.exitCode).toBe(3);
    expect(failed.stdout).toContain('✖ deploy #2');
    expect(failed.stdout).toContain('the script exited 7');
    expect(await world.currentId()).toBe('1');
    const [record] = JSON.parse((await world.shipit(repo, ['history', '--json'])).stdout).records;
    expect(record).toMatchObject({ id: 2, status: 'failure', exitCode: 7 });
    expect(await repo.git('ls-remote', 'origin', 'refs/shipit/production/lock')).toBe('');
  });

  it('fails clearly on a missing script, a hanging one and one that prints megabytes', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: green, deploy: { run: ['./no/such/script.sh'] } });
    const missing = await world.shipit(repo, ['deploy', '--yes']);
    expect(missing.exitCode).toBe(3);
    expect(missing.stdout).toContain('the script could not run');

    await world.writeConfig(repo, { checks: green, deploy: { run: 'sleep 30', timeout: '1s', killGrace: '1s' } });
    const hung = await world.shipit(repo, ['deploy', '--yes']);
    expect(hung.exitCode).toBe(3);
    expect(hung.stdout).toContain('the script timed out and was stopped');

    await world.writeConfig(repo, {
      checks: green,
      deploy: { run: 'head -c 8000000 /dev/zero | tr "\\\\0" "x"; echo; echo done' },
    });
    const loud = await world.shipit(repo, ['deploy', '--yes']);
    expect(loud.exitCode).toBe(0);
    expect(loud.stdout.length).toBeGreaterThan(8_000_000);
    const log = await repo.git('show', 'refs/shipit/production/history:logs/000003.log');
    expect(log.length).toBeLessThanOrEqual(64 * 1024);
    expect(log.endsWith('done')).toBe(true);
  });

  it('refuses without deploy.run, and a target older than production', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: green, deploy: undefined });
    const none = await world.shipit(repo, ['deploy', '--yes']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('no deploy.run is configured');

    const old = await repo.head();
    await repo.commit('feat: newer');
    await repo.push();
    await world.writeConfig(repo, { checks: green });
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
    const back = await world.shipit(repo, ['deploy', '--yes', '--ref', old]);
    expect(back.exitCode).toBe(2);
    expect(back.stderr).toContain('going back is a rollback');
    expect(back.stderr).toContain(`shipit rollback --to ${old.slice(0, 7)}`);
  });
});
