import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import { type GitHubServer, startGitHubServer } from '../helpers/github-server/index.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

/** Starts `shipit deploy` in the background, as a person would in a terminal. */
function startDeploy(dir: string, configFile: string, env: Record<string, string> = {}) {
  return execa('node', [BIN, '--config', configFile, 'deploy', '--yes'], {
    cwd: dir,
    env: { NO_COLOR: '1', CI: 'true', DEPLOY_ROOT: world.deployRoot, ...env },
    reject: false,
    all: true,
  });
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const fileExists = (path: string) =>
  readFile(path).then(
    () => true,
    () => false,
  );
const configOf = (dir: string) => join(dir, '.git', 'test-deploy.config.json');

describe('shipit deploy under faults', () => {
  it('Ctrl-C during the script: forwarded, recorded as aborted, lock released, exit 130', async () => {
    const { repo } = world;
    const marker = join(world.root, 'script-got-term');
    const script = join(world.root, 'slow.sh');
    await writeFile(
      script,
      `#!/bin/sh\ntrap 'echo term > ${marker}; exit 143' TERM\necho started > ${marker}.started\nsleep 30 &\nwait\n`,
    );
    await chmod(script, 0o755);
    await world.writeConfig(repo, { checks: [], deploy: { run: [script] } });
    const child = startDeploy(repo.dir, configOf(repo.dir));
    await waitFor(() => fileExists(`${marker}.started`));
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(result.all).toContain('was interrupted and recorded as aborted; the lock is released');
    expect(await readFile(marker, 'utf8')).toBe('term\n');
    expect(await repo.git('ls-remote', 'origin', 'refs/shipit/production/lock')).toBe('');
    const [record] = JSON.parse((await world.shipit(repo, ['history', '--json'])).stdout).records;
    expect(record).toMatchObject({ id: 1, status: 'aborted' });
  });

  it('Ctrl-C during the gate: nothing locked or recorded, exit 130', async () => {
    const { repo } = world;
    const started = join(world.root, 'gate-started');
    await world.writeConfig(repo, { checks: [{ type: 'command', name: 'slow', run: `touch ${started}; sleep 20` }] });
    const child = startDeploy(repo.dir, configOf(repo.dir));
    await waitFor(() => fileExists(started));
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(result.all).toContain('interrupted during the gate: nothing was deployed');
    expect(await repo.git('ls-remote', 'origin', 'refs/shipit/*')).toBe('');
  });

  it('kill -9 mid-deploy: the history stays readable and the next run reports the stale lock', async () => {
    const { repo } = world;
    const pidFile = join(world.root, 'script.pid');
    await world.writeConfig(repo, { checks: [], deploy: { run: `echo $$ > ${pidFile}; sleep 30` } });
    const child = startDeploy(repo.dir, configOf(repo.dir));
    await waitFor(() => fileExists(pidFile));
    child.kill('SIGKILL');
    await child;
    process.kill(Number((await readFile(pidFile, 'utf8')).trim()), 'SIGKILL');

    const [record] = JSON.parse((await world.shipit(repo, ['history', '--json'])).stdout).records;
    expect(record).toMatchObject({ id: 1, status: 'running' });
    await world.writeConfig(repo, { checks: [] });
    const next = await world.shipit(repo, ['deploy', '--yes']);
    expect(next.exitCode).toBe(4);
    expect(next.stderr).toContain('the lock is stale');
    expect(next.stderr).toContain('shipit unlock --force');
    expect((await world.shipit(repo, ['unlock'])).exitCode).toBe(4);
    const unlocked = await world.shipit(repo, ['unlock', '--force']);
    expect(unlocked.exitCode).toBe(0);
    expect(unlocked.stdout).toContain('deploy #1 was still marked running: recorded as aborted');
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
    const history = JSON.parse((await world.shipit(repo, ['history', '--json'])).stdout).records;
    expect(history.map((r: { id: number; status: string }) => `${r.id}:${r.status}`)).toEqual([
      '2:success',
      '1:aborted',
    ]);
  });

  it('two deploys at the same moment from two clones: exactly one runs, the other says who holds the lock', async () => {
    const other = await world.clone('other');
    await world.writeConfig(world.repo, { checks: [] });
    await world.writeConfig(other, { checks: [] });
    const results = await Promise.all([
      startDeploy(world.repo.dir, configOf(world.repo.dir), { DEPLOY_SLEEP: '2' }),
      startDeploy(other.dir, configOf(other.dir), { DEPLOY_SLEEP: '2' }),
    ]);
    const codes = results.map((result) => result.exitCode).sort();
    expect(codes).toEqual([0, 4]);
    const loser = results.find((result) => result.exitCode === 4);
    expect(loser?.all).toMatch(/production is locked by (dev|other)/);
    const history = JSON.parse((await world.shipit(world.repo, ['history', '--json'])).stdout).records;
    expect(history).toHaveLength(1);
  });

  it('a remote that rejects the state refs: a clear error, nothing deployed, nothing half-written', async () => {
    const hook = join(world.origin, 'hooks', 'pre-receive');
    await writeFile(
      hook,
      '#!/bin/sh\nwhile read old new ref; do case "$ref" in refs/shipit/*) echo "refs/shipit is protected" >&2; exit 1;; esac; done\n',
    );
    await chmod(hook, 0o755);
    await world.writeConfig(world.repo, { checks: [] });
    const result = await world.shipit(world.repo, ['deploy', '--yes']);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/error\[state-push-rejected\]/);
    expect(result.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
    expect(await world.currentId()).toBeNull();
    expect(await world.repo.git('ls-remote', 'origin', 'refs/shipit/*')).toBe('');
  });
});

describe('GitHub Deployments mirroring', () => {
  let github: GitHubServer;
  beforeEach(async () => {
    github = await startGitHubServer();
  });
  afterEach(() => github.close());

  it('creates a deployment with in_progress then success, and never prints the token', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [], github: { repository: github.repository, baseUrl: github.url } });
    const env = {
      GITHUB_TOKEN: github.token,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_REPOSITORY: github.repository,
      GITHUB_RUN_ID: '77',
    };
    const result = await world.shipit(repo, ['deploy', '--yes'], env);
    expect(result.exitCode).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toContain(github.token);
    const [deployment] = github.deployments;
    expect(deployment).toMatchObject({
      sha: await repo.head(),
      environment: 'production',
      autoMerge: false,
      requiredContexts: [],
    });
    expect(deployment?.statuses.map((status: { state: string }) => status.state)).toEqual(['in_progress', 'success']);
    expect(JSON.stringify(deployment?.statuses)).toContain(
      `https://github.example/${github.repository}/actions/runs/77`,
    );
  });
});
