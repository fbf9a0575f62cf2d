import { setTimeout as delay } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import { type FakeServer, refusedUrl, startFakeServer } from '../helpers/fake-services/server.js';

// Receivers that fail every way a network can: the deploy goes ahead, exits 0, and each failing
// notification is one warning line that shows neither a webhook's path nor its secret.

const SLACK_PATH = '/services/T0001/B0001/slack-token-path';
const SECRET = 'hmac-secret-never-printed';

let world: DeployWorld;
let failing: FakeServer;
let hanging: FakeServer;
let refused: string;

beforeAll(async () => {
  [world, failing, hanging, refused] = await Promise.all([
    createDeployWorld(),
    startFakeServer(() => ({ status: 500, text: 'internal error' })),
    startFakeServer(() => 'hang'),
    refusedUrl(),
  ]);
});
afterAll(async () => {
  await Promise.all([world.cleanup(), failing.close(), hanging.close()]);
});

const warningsIn = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('warning:'));

describe('a notification that cannot be delivered', () => {
  it('leaves the deploy alone: exit 0, recorded, one warning line per receiver', async () => {
    await world.writeConfig(world.repo, {
      notifications: [
        { type: 'slack', url: `$\{env:SLACK_WEBHOOK}` },
        { type: 'webhook', url: `${hanging.url}/hook`, secret: `$\{env:HOOK_SECRET}`, timeout: '1s' },
        { type: 'webhook', url: `${refused}/hook/token-in-path` },
      ],
    });
    const result = await world.shipit(world.repo, ['deploy', '--yes'], {
      SLACK_WEBHOOK: `${failing.url}${SLACK_PATH}`,
      HOOK_SECRET: SECRET,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(await world.currentId()).toBe('1');
    const warnings = warningsIn(result.stderr);
    expect(warnings).toHaveLength(3);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^warning: slack notification failed \(\w+\): HTTP 500 "internal error" after 3 attempts \(http:\/\/127\.0\.0\.1:\d+\/\*\*\*\)$/,
        ),
        expect.stringMatching(
          /^warning: webhook notification failed \(\w+\): no answer within 1\.0s after 3 attempts \(http:\/\/127\.0\.0\.1:\d+\/\*\*\*\)$/,
        ),
        expect.stringMatching(
          /^warning: webhook notification failed \(\w+\): connection refused after 3 attempts \(http:\/\/127\.0\.0\.1:\d+\/\*\*\*\)$/,
        ),
      ]),
    );
    const printed = result.stdout + result.stderr;
    for (const secret of [SLACK_PATH, 'token-in-path', '/hook', SECRET]) expect(printed).not.toContain(secret);
    // Retried with backoff (start and success: 3 attempts each, or 1 once the receiver failed).
    expect(failing.requests.length).toBeGreaterThanOrEqual(4);
    expect(hanging.requests.length).toBeGreaterThanOrEqual(4);
    // Bounded: no more than 3 attempts per event, so the wait at exit is too.
    expect(hanging.requests.length).toBeLessThanOrEqual(6);
  });

  it('waits for a slow receiver only once the lock is released', async () => {
    // 3 attempts of 3 s and 1.5 s of backoff: the deploy process waits about 10 s for the hanging receiver.
    await world.writeConfig(world.repo, {
      notifications: [{ type: 'webhook', url: `${hanging.url}/slow`, timeout: '3s' }],
    });
    await world.repo.commit('something new to ship');
    await world.repo.push();
    const before = await world.currentId();
    let exited = false;
    const deploying = world.shipit(world.repo, ['deploy', '--yes']).finally(() => {
      exited = true;
    });
    const lockRef = 'refs/shipit/production/lock';
    const lockOnOrigin = async () => (await execa('git', ['ls-remote', world.origin, lockRef])).stdout.trim();
    // The lock is taken, the script deploys, then the lock goes while the deliveries are still awaited.
    while (!exited && ((await world.currentId()) === before || (await lockOnOrigin()) !== '')) await delay(50);
    expect(exited, 'shipit exited before the lock was seen released').toBe(false);
    expect(hanging.requests.some((request) => request.path === '/slow')).toBe(true);
    const result = await deploying;
    expect(result.exitCode, result.stderr).toBe(0);
    expect(warningsIn(result.stderr)).toEqual([
      expect.stringMatching(/^warning: webhook notification failed \(\w+\): no answer within 3\.0s after 3 attempts/),
    ]);
  });

  it('is a warning for lock too, and the lock is taken', async () => {
    await world.writeConfig(world.repo, { notifications: [{ type: 'webhook', url: `${refused}/x` }] });
    const result = await world.shipit(world.repo, ['lock', '--reason', 'freeze', '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).lock.reason).toBe('freeze');
    expect(warningsIn(result.stderr)).toEqual([
      expect.stringMatching(/^warning: webhook notification failed \(lock\): connection refused after 3 attempts/),
    ]);
    expect((await world.shipit(world.repo, ['unlock'])).exitCode).toBe(0);
  });
});

describe('GitHub Actions', () => {
  it('annotates the checks that did not pass and groups the script output, escaped', async () => {
    await world.writeConfig(world.repo, {
      checks: [
        { type: 'command', name: 'tests', run: 'true' },
        { type: 'command', name: 'smoke', severity: 'warning', run: ['sh', '-c', 'echo "50%: a,b"; exit 1'] },
      ],
    });
    await world.repo.commit('feat: more');
    await world.repo.push();
    const result = await world.shipit(world.repo, ['deploy', '--yes'], { GITHUB_ACTIONS: 'true' });
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContain(
      '::warning title=shipit production%3A smoke::`sh -c echo "50%25: a,b"; exit 1` exited 1%0A50%25: a,b',
    );
    expect(lines.some((line) => line.startsWith('::error') || line.includes('title=shipit production%3A tests'))).toBe(
      false,
    );
    const start = lines.findIndex((line) => /^::group::shipit deploy #\d+ of [0-9a-f]{7}: the script$/.test(line));
    const end = lines.indexOf('::endgroup::');
    const output = lines.findIndex((line) => line.startsWith('deployed '));
    expect(start).toBeGreaterThan(-1);
    expect(start < output && output < end).toBe(true);
  });
});
