import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStateStore } from '../../src/state/store.js';
import { BIN } from '../helpers/cli.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import type { Repo } from '../helpers/git-world.js';
import { strictAjv } from '../json/ajv.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

const green = [{ type: 'command', name: 'tests', run: 'true' }];
// Mon to Thu, 09:00-17:00 UTC: SHIPIT_NOW moves the clock in and out of it.
const window = {
  type: 'deploy-window',
  name: 'hours',
  timezone: 'UTC',
  days: ['mon', 'tue', 'wed', 'thu'],
  hours: { from: '09:00', to: '17:00' },
};
const TUESDAY_NOON = '2026-11-24T12:00:00Z';
const FRIDAY_NIGHT = '2026-11-27T22:00:00Z';

const schemas = new URL('../../docs/schemas/', import.meta.url);
async function validator() {
  const ajv = strictAjv();
  const read = async (name: string) => JSON.parse(await readFile(new URL(`${name}.schema.json`, schemas), 'utf8'));
  ajv.addSchema(await read('common'));
  ajv.addSchema(await read('check'));
  return ajv.compile(await read('auto'));
}

/** `shipit auto --once --json`: exactly one document, valid against its schema. */
async function autoOnce(repo: Repo, env: Record<string, string> = {}) {
  const result = await world.shipit(repo, ['auto', '--once', '--json'], { SHIPIT_NOW: TUESDAY_NOON, ...env });
  const document = JSON.parse(result.stdout);
  const validate = await validator();
  expect(validate(document) ? [] : validate.errors, result.stdout).toEqual([]);
  return { ...result, document };
}

async function history(repo: Repo) {
  const document = JSON.parse((await world.shipit(repo, ['history', '--json'])).stdout);
  return document.records as Record<string, unknown>[];
}

/**
 * A first deploy (#1), then `feat: search v2` pushed and recorded as release #2, faulty: what a
 * failed verification leaves (the release with that commit in its batch, marked faulty, rolled back).
 * Returns the faulty commit's sha.
 */
async function writeFaultyRelease(repo: Repo, message?: string): Promise<string> {
  await world.writeConfig(repo, { checks: green });
  expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
  const [base] = await history(repo);
  const bad = await repo.commit('feat: search v2', { files: { 'search.txt': 'v2\n' } });
  await repo.push();
  const store = openStateStore({ cwd: repo.dir, remote: 'origin', environment: 'production', user: 'verify' });
  const faulty = await store.createRecord({
    action: 'deploy',
    sha: bad,
    candidate: bad,
    ref: 'origin/main',
    previousSha: base!.sha as string,
  });
  await store.updateRecord(faulty.id, { status: 'faulty', ...(message ? { message } : {}) });
  return bad;
}

describe('shipit auto', () => {
  it('deploys a green batch inside the window, recorded as auto by the CI actor; then has nothing to do', async () => {
    const { repo } = world;
    const commit = await repo.commit('feat: login', { files: { 'login.txt': 'v1\n' } });
    await repo.push();
    await world.writeConfig(repo, { checks: [...green, window] });

    const { exitCode, document } = await autoOnce(repo, { GITHUB_ACTOR: 'octocat' });
    expect(exitCode).toBe(0);
    expect(document).toMatchObject({
      deployed: true,
      reason: 'deployed',
      deploy: { id: 1, status: 'success', trigger: 'auto', user: 'octocat' },
    });
    expect(document.gate.ok).toBe(true);
    expect(await world.liveFile('login.txt')).toBe('v1\n');
    expect(await history(repo)).toMatchObject([{ id: 1, sha: commit, trigger: 'auto', user: 'octocat' }]);
    const text = await world.shipit(repo, ['history']);
    expect(text.stdout).toMatch(/#1 .*auto/);

    const again = await world.shipit(repo, ['auto'], { SHIPIT_NOW: TUESDAY_NOON });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/no deploy: production already runs [0-9a-f]{7}, nothing to deploy/);
  }, 60_000); // four CLI runs against real git

  it('does not deploy outside the deploy window or on a red gate, and says why', async () => {
    const { repo } = world;
    await repo.commit('feat: cart');
    await repo.push();
    await world.writeConfig(repo, { checks: [...green, window] });
    const outside = await world.shipit(repo, ['auto', '--once'], { SHIPIT_NOW: FRIDAY_NIGHT });
    expect(outside.exitCode).toBe(0);
    expect(outside.stdout).toContain('no deploy: the gate is blocked (hours)');

    await world.writeConfig(repo, { checks: [...green, { type: 'command', name: 'smoke', run: 'exit 1' }] });
    const { document } = await autoOnce(repo);
    expect(document).toMatchObject({ deployed: false, reason: 'gate-blocked', deploy: null, exitCode: 0 });
    expect(document.gate.ok).toBe(false);
    expect(await history(repo)).toEqual([]);
  });

  it('does not deploy while a person holds the lock, and names them', async () => {
    const { repo } = world;
    await repo.commit('feat: search');
    await repo.push();
    await world.writeConfig(repo, { checks: green });
    const human = await world.clone('ana');
    await world.writeConfig(human, { checks: green });
    expect((await world.shipit(human, ['lock', '--reason', 'db migration'])).exitCode).toBe(0);

    const { exitCode, document } = await autoOnce(repo);
    expect(exitCode).toBe(0);
    expect(document).toMatchObject({
      deployed: false,
      reason: 'locked',
      lock: { user: 'ana', kind: 'manual', reason: 'db migration' },
    });
    expect(document.message).toContain('production is locked by ana');
    expect(await history(repo)).toEqual([]);
  });

  it('holds back a batch with a commit of a faulty release, until it is excluded', async () => {
    const { repo } = world;
    const bad = await writeFaultyRelease(repo, 'verification failed: /health 500');

    const held = await autoOnce(repo);
    expect(held.document).toMatchObject({
      deployed: false,
      reason: 'faulty-commits',
      faulty: [{ sha: bad, subject: 'feat: search v2', deployId: 2 }],
    });
    expect(held.document.message).toContain(`${bad.slice(0, 7)} "feat: search v2" (faulty #2)`);

    // A person ships the rest without it; a new commit then goes out by itself, the exclusion standing.
    const fix = await repo.commit('fix: typo', { files: { 'typo.txt': 'fixed\n' } });
    await repo.push();
    expect((await world.shipit(repo, ['deploy', '--yes', '--exclude', bad, '--reason', 'faulty'])).exitCode).toBe(0);
    await repo.commit('feat: filters', { files: { 'filters.txt': 'on\n' } });
    await repo.push();
    const shipped = await autoOnce(repo);
    expect(shipped.document).toMatchObject({ deployed: true, reason: 'deployed', faulty: [] });
    expect(await world.liveFile('search.txt')).toBeNull();
    expect(await world.liveFile('typo.txt')).toBe('fixed\n');
    expect(fix).toBeTruthy();
  }, 120_000); // seven CLI runs against real git

  it('deploys a faulty commit once the branch reverts it', async () => {
    const { repo } = world;
    const bad = await writeFaultyRelease(repo);
    await repo.git('revert', '--no-edit', bad);
    await repo.push();
    const { document } = await autoOnce(repo);
    expect(document).toMatchObject({ deployed: true, reason: 'deployed' });
    expect(await world.liveFile('search.txt')).toBeNull();
  }, 90_000); // three CLI runs and a store against real git

  it('two auto processes on two clones at once: exactly one deploys, the other says who holds the lock', async () => {
    const { repo } = world;
    await repo.commit('feat: pay');
    await repo.push();
    const clones = [await world.clone('ci-a'), await world.clone('ci-b')];
    for (const clone of clones) await world.writeConfig(clone, { checks: green });
    const results = await Promise.all(
      clones.map((clone) => world.shipit(clone, ['auto', '--once'], { DEPLOY_SLEEP: '1', GITHUB_ACTOR: '' })),
    );
    expect(results.map((result) => result.exitCode)).toEqual([0, 0]);
    const records = await history(clones[0]!);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: 'success', trigger: 'auto' });
    const [winner, loser] = results[0]!.stdout.includes(': deployed ') ? results : [...results].reverse();
    expect(winner!.stdout).toContain(': deployed ');
    // It lost the race for the lock, or looked after the winner took it, or after it finished.
    expect(loser!.stdout).toMatch(/no deploy: (production is locked by ci-|.*already runs|another deploy shipped)/);
  }, 60_000); // two rounds racing, then the history read
});

describe('shipit auto --interval', () => {
  it('runs a round every interval, one JSON document each, and stops cleanly on SIGTERM between rounds', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [{ type: 'command', name: 'smoke', run: 'exit 1' }] });
    const child = execa(
      'node',
      [BIN, '--config', join(repo.dir, '.git', 'test-deploy.config.json'), 'auto', '--interval', '4s', '--json'],
      {
        cwd: repo.dir,
        env: { NO_COLOR: '1', CI: 'true', DEPLOY_ROOT: world.deployRoot },
        reject: false,
      },
    );
    let stdout = '';
    const twoRounds = new Promise<void>((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if ((stdout.match(/^\}$/gm) ?? []).length >= 2) resolve();
      });
    });
    await twoRounds;
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
    const documents = stdout
      .split(/(?<=^\})\n/m)
      .filter((text) => text.trim())
      .map((text) => JSON.parse(text));
    expect(documents.length).toBeGreaterThanOrEqual(2);
    expect(documents.map((document) => document.reason).slice(0, 2)).toEqual(['gate-blocked', 'gate-blocked']);
  }, 60_000);

  it('each round sees what was pushed since the last one: the branch comes with its one fetch', async () => {
    const { repo } = world;
    const first = await repo.commit('feat: one', { files: { 'one.txt': '1\n' } });
    await repo.push();
    await world.writeConfig(repo, { checks: green });
    const other = await world.clone('ana');
    const child = execa(
      'node',
      [BIN, '--config', join(repo.dir, '.git', 'test-deploy.config.json'), 'auto', '--interval', '1s', '--json'],
      { cwd: repo.dir, env: { NO_COLOR: '1', CI: 'true', DEPLOY_ROOT: world.deployRoot }, reject: false },
    );
    const documents: { reason: string; candidate: { sha: string } | null }[] = [];
    let buffered = '';
    let pushed = false;
    const secondDeploy = new Promise<void>((resolve) => {
      child.stdout?.on('data', async (chunk: Buffer) => {
        buffered += chunk.toString();
        const parts = buffered.split(/(?<=^\})\n/m);
        buffered = parts.pop() ?? '';
        for (const part of parts) if (part.trim()) documents.push(JSON.parse(part));
        if (!pushed && documents.some((document) => document.reason === 'deployed')) {
          pushed = true;
          // Pushed from another clone between rounds: only a fetch of the branch brings it here.
          await other.commit('feat: two', { files: { 'two.txt': '2\n' } });
          await other.push();
        }
        if (documents.filter((document) => document.reason === 'deployed').length >= 2) resolve();
      });
    });
    await secondDeploy;
    child.kill('SIGTERM');
    expect((await child).exitCode).toBe(0);
    const deployed = documents.filter((document) => document.reason === 'deployed');
    expect(deployed[0]?.candidate?.sha).toBe(first);
    expect(deployed[1]?.candidate?.sha).not.toBe(first);
    expect(await world.liveFile('two.txt')).toBe('2\n');
    expect((await history(repo)).map((record) => record.trigger)).toEqual(['auto', 'auto']);
  }, 60_000);

  it('refuses --once with --interval, and an interval that is no duration', async () => {
    const both = await world.shipit(world.repo, ['auto', '--once', '--interval', '5m']);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain('error[auto-once-and-interval]');
    const bad = await world.shipit(world.repo, ['auto', '--interval', 'soon']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('error[bad-interval] --interval soon');
  });
});
