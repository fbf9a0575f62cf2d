import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeServer, startFakeServer } from '../helpers/fake-services/server.js';
import { healthyWorld, pushBroken } from '../verify/verify-world.js';

// A failed verification rolls back inside the deploy's own run: the same notification steps serve
// both. Each must tell its own story, and the GitHub Actions log groups must stay balanced.

let hook: FakeServer;
beforeAll(async () => {
  hook = await startFakeServer(() => ({ status: 204, text: '' }));
});
afterAll(async () => {
  await hook.close();
});

interface Payload {
  event: string;
  deploy: { id: number; action: string; status: string };
  commit: { sha: string; subject: string } | null;
}

describe('an automatic rollback inside a deploy', { timeout: 300_000 }, () => {
  it('notifies the deploy with its own commit, and closes each log group before the next opens', async () => {
    const { world } = await healthyWorld(
      { failAfter: 1 },
      { notifications: [{ type: 'webhook', url: `${hook.url}/shipit` }] },
    );
    const broken = await pushBroken(world);
    const before = hook.requests.length;
    const result = await world.shipit(world.repo, ['deploy'], { GITHUB_ACTIONS: 'true' });
    expect(result.exitCode, result.stdout + result.stderr).toBe(3);

    const markers = result.stdout.split('\n').filter((line) => /^::(end)?group::/.test(line));
    expect(markers).toEqual([
      expect.stringMatching(/^::group::shipit deploy #2 of [0-9a-f]{7}: the script$/),
      '::endgroup::',
      expect.stringMatching(/^::group::shipit rollback #3 of [0-9a-f]{7}: the script$/),
      '::endgroup::',
    ]);

    const payloads = hook.requests.slice(before).map((request) => JSON.parse(request.body) as Payload);
    const outcomes = payloads.filter((payload) => payload.event !== 'start');
    const deploy = outcomes.find((payload) => payload.deploy.id === 2);
    const rollback = outcomes.find((payload) => payload.deploy.id === 3);
    expect(deploy).toMatchObject({ event: 'failure', deploy: { action: 'deploy', status: 'faulty' } });
    expect(deploy?.commit?.sha).toBe(broken);
    expect(rollback).toMatchObject({ event: 'rollback', deploy: { action: 'rollback', status: 'success' } });
    expect(rollback?.commit?.sha).not.toBe(broken);
  });
});
