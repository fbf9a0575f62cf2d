import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ValidateFunction } from 'ajv';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import { type Document, documentOf, loadValidators } from './schemas.js';

// Every --json document the CLI prints must match its published schema (docs/schemas/), in the
// states a team meets: nothing deployed yet, after deploys with an exclusion standing, locked.

let validators: Map<Document, ValidateFunction>;
let world: DeployWorld;

beforeAll(async () => {
  validators = await loadValidators();
  world = await createDeployWorld();
  await world.writeConfig(world.repo, { checks: [{ type: 'command', name: 'tests', run: 'true' }] });
});
afterAll(() => world.cleanup());

/** Runs `shipit <document> --json …`, checks the exit code, and returns the document once the schema accepts it. */
async function json(document: Document, args: string[] = [], exitCode = 0, inWorld = world) {
  return documentOf(validators, document, await inWorld.shipit(inWorld.repo, [document, '--json', ...args]), exitCode);
}

// The states build on each other, in order: one world, one story.
describe('before the first deploy', () => {
  it('check --json', async () => expect((await json('check')).live).toBeNull());
  it('status --json', async () => {
    const status = await json('status');
    expect([status.live, status.lastDeploy, status.lock]).toEqual([null, null, null]);
  });
  it('history --json', async () => expect(await json('history')).toEqual({ environment: 'production', records: [] }));
  it('unlock --json', async () => expect((await json('unlock')).released).toBeNull());
});

describe('after deploys, with an exclusion standing', () => {
  let bad: string;
  let status: Record<string, unknown>;
  beforeAll(async () => {
    const { repo } = world;
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
    await repo.commit('feat: cart', { files: { 'cart.txt': 'cart\n' }, author: 'ana' });
    bad = await repo.commit('feat: search v2', { files: { 'search.txt': 'v2\n' }, author: 'bo' });
    await repo.push();
    const excluded = await world.shipit(repo, ['deploy', '--yes', '--exclude', bad, '--reason', 'search 500s']);
    expect(excluded.exitCode, excluded.stderr).toBe(0);
    await repo.commit('feat: wishlist (#12)', { files: { 'wishlist.txt': 'wishlist\n' }, author: 'cy' });
    await repo.push();
  });

  it('status --json', async () => {
    status = await json('status');
    expect((status.exclusions as { sha: string }[]).map((exclusion) => exclusion.sha)).toEqual([bad]);
    expect((status.batch as { commits: unknown }).commits).toMatchObject([
      { subject: 'feat: wishlist (#12)', pullRequests: [12] },
    ]);
  });
  it('check --json: the same batch, candidate, release and live release as status --json', async () => {
    const check = await json('check');
    expect(check.ok).toBe(true);
    expect(check.batch).toEqual(status.batch);
    expect((check.batch as { excluded: string[] }).excluded).toEqual([bad]);
    expect([check.candidate, check.release, check.live]).toEqual([status.candidate, status.release, status.live]);
    expect(check.release).not.toBe(check.candidate.sha); // the release commit, without the excluded one
    expect(validators.get('check')!({ ...check, extra: true })).toBe(false);
  });
  it('history --json', async () => {
    const { records } = await json('history');
    expect(records.map((record: { id: number }) => record.id)).toEqual([2, 1]);
    expect(records[0].excluded).toMatchObject([{ sha: bad, reason: 'search 500s' }]);
    expect(status.live).toMatchObject({ deployId: 2, sha: records[0].sha, candidate: records[0].candidate });
  });
});

describe('while locked, and once unlocked', () => {
  let lock: Record<string, unknown>;
  it('lock --json', async () => {
    ({ lock } = await json('lock', ['--reason', 'database migration']));
    expect(lock).toMatchObject({ kind: 'manual', reason: 'database migration', stale: false });
  });
  it('status --json shows the same lock', async () => expect((await json('status')).lock).toEqual(lock));
  it('check --json', async () => {
    const check = await json('check', [], 1);
    expect(check.checks.find((result: { name: string }) => result.name === 'lock')?.status).toBe('fail');
  });
  it('unlock --json', async () => {
    expect(await json('unlock')).toEqual({
      environment: 'production',
      released: lock,
      abortedDeploys: [],
      unverifiedReleases: [],
    });
  });
});

describe('on an error', () => {
  it('prints one error document instead', async () => {
    expect((await json('lock', [], 2)).error.code).toBe('lock-needs-reason');
  });
});

/** A world whose first deploy was killed with -9 while its script ran: a stale lock, a record left running. */
async function killedDeployWorld(): Promise<DeployWorld> {
  const killed = await createDeployWorld();
  const pidFile = join(killed.root, 'script.pid');
  await killed.writeConfig(killed.repo, { checks: [], deploy: { run: `echo $$ > ${pidFile}; sleep 30` } });
  const configFile = join(killed.repo.dir, '.git', 'test-deploy.config.json');
  const deploy = execa('node', [BIN, '--config', configFile, 'deploy', '--yes'], {
    cwd: killed.repo.dir,
    env: { NO_COLOR: '1', CI: 'true' },
    reject: false,
  });
  // The script writes its pid once it runs, under the lock: then shipit dies without a word.
  let pid = '';
  while (!pid) {
    await sleep(100);
    pid = await readFile(pidFile, 'utf8').then(
      (text) => text.trim(),
      () => '',
    );
  }
  deploy.kill('SIGKILL');
  await deploy;
  process.kill(Number(pid), 'SIGKILL');
  return killed;
}

describe('after a deploy killed with -9', () => {
  let killed: DeployWorld;
  beforeAll(async () => {
    killed = await killedDeployWorld();
  });
  afterAll(() => killed?.cleanup());

  it('status --json shows a stale lock, history --json a record left running', async () => {
    expect((await json('status', [], 0, killed)).lock).toMatchObject({ kind: 'deploy', stale: true });
    expect((await json('history', [], 0, killed)).records).toMatchObject([{ id: 1, status: 'running' }]);
  });
  it('unlock --force --json names the deploy it recorded as aborted', async () => {
    const unlocked = await json('unlock', ['--force'], 0, killed);
    expect(unlocked).toMatchObject({ released: { kind: 'deploy', stale: true }, abortedDeploys: [1] });
  });
});

describe('repair --json after a deploy killed with -9', () => {
  let killed: DeployWorld;
  beforeAll(async () => {
    killed = await killedDeployWorld();
  });
  afterAll(() => killed?.cleanup());

  it('names the record it ended and the stale lock it released, then finds nothing to repair', async () => {
    const repaired = await json('repair', [], 0, killed);
    expect(repaired).toMatchObject({
      written: null,
      abortedDeploys: [1],
      staleLockReleased: { kind: 'deploy', stale: true },
      inProgress: null,
    });
    expect(await json('repair', [], 0, killed)).toMatchObject({ abortedDeploys: [], staleLockReleased: null });
    expect((await json('history', [], 0, killed)).records).toMatchObject([{ id: 1, status: 'aborted' }]);
  });
});
