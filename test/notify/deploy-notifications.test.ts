import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import { type FakeRequest, type FakeServer, startFakeServer } from '../helpers/fake-services/server.js';
import { strictAjv } from '../json/ajv.js';

// The built CLI deploys, rolls back, locks and unlocks in real git repositories while real
// receivers on 127.0.0.1 stand in for Slack and a team's webhook.

const SECRET = 'hmac-secret-for-tests';
const SLACK_PATH = '/services/T0001/B0001/slack-token-path';
const SCHEMAS = new URL('../../docs/schemas/', import.meta.url);

let world: DeployWorld;
let slack: FakeServer;
let hook: FakeServer;
let validate: ValidateFunction;
let env: Record<string, string>;

beforeAll(async () => {
  const ajv = strictAjv();
  const read = async (name: string) => JSON.parse(await readFile(new URL(`${name}.schema.json`, SCHEMAS), 'utf8'));
  ajv.addSchema(await read('common'));
  validate = ajv.compile(await read('webhook'));
  [world, slack, hook] = await Promise.all([
    createDeployWorld(),
    startFakeServer(() => ({ text: 'ok' })),
    startFakeServer(() => ({ status: 204, text: '' })),
  ]);
  env = { SLACK_WEBHOOK: `${slack.url}${SLACK_PATH}`, HOOK_SECRET: SECRET };
  await world.writeConfig(world.repo, {
    notifications: [
      { type: 'slack', url: `$\{env:SLACK_WEBHOOK}` },
      { type: 'webhook', url: `${hook.url}/shipit`, secret: `$\{env:HOOK_SECRET}` },
    ],
  });
});
afterAll(async () => {
  await Promise.all([world.cleanup(), slack.close(), hook.close()]);
});

/** Runs shipit, then returns what each receiver got during the run. */
async function shipit(args: string[], extraEnv: Record<string, string> = {}) {
  const [slackBefore, hookBefore] = [slack.requests.length, hook.requests.length];
  const result = await world.shipit(world.repo, args, { ...env, ...extraEnv });
  const payloads = hook.requests.slice(hookBefore).map((request) => verified(request));
  return { result, slack: slack.requests.slice(slackBefore).map((r) => JSON.parse(r.body)), hooks: payloads };
}

/** A webhook delivery whose signature verifies and whose body matches the published schema. */
function verified(request: FakeRequest) {
  const expected = `sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`;
  expect(request.headers['x-shipit-signature-256']).toBe(expected);
  expect(request.headers['content-type']).toBe('application/json');
  const payload = JSON.parse(request.body);
  expect(validate(payload) ? [] : validate.errors, request.body).toEqual([]);
  expect(request.headers['x-shipit-event']).toBe(payload.event);
  expect(request.headers['x-shipit-delivery']).toBe(payload.id);
  expect(request.headers['x-shipit-timestamp']).toBe(payload.timestamp);
  return payload;
}

const byEvent = <T extends { event: string }>(list: T[], event: string) => list.filter((item) => item.event === event);

describe('a deploy', () => {
  it('sends start and success to Slack and the webhook, with the batch', async () => {
    const { repo } = world;
    expect((await world.shipit(repo, ['deploy', '--yes'], env)).exitCode).toBe(0);
    await repo.commit('feat: cart', { author: 'ana' });
    await repo.commit('fix: <!channel> & \u202eevil', { author: 'bo' });
    await repo.push();

    const { result, slack: messages, hooks } = await shipit(['deploy', '--yes']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('warning');
    expect(hooks.map((p) => p.event).sort()).toEqual(['start', 'success']);
    const [success] = byEvent(hooks, 'success');
    expect(success.deploy).toMatchObject({ id: 2, action: 'deploy', status: 'success', user: expect.any(String) });
    expect(success.commit.subject).toBe('fix: <!channel> & \u202eevil');
    expect(success.batch.count).toBe(2);
    expect(success.batch.commits.map((c: { author: string }) => c.author)).toEqual(['bo', 'ana']);
    expect(byEvent(hooks, 'start')[0].deploy.status).toBe('running');

    expect(messages).toHaveLength(2);
    const done = messages.find((m) => m.text.startsWith('✅'));
    expect(done.blocks[0].type).toBe('section');
    const text = JSON.stringify(done.blocks);
    expect(text).toContain('*Batch: 2 commits*');
    expect(text).toContain('fix: &lt;!channel&gt; &amp; \\\\u202eevil');
    expect(text).not.toContain('<!channel>');
  });

  it('sends failure when the script fails, with the status and exit code', async () => {
    await world.writeConfig(world.repo, {
      deploy: { run: ['sh', '-c', 'echo boom; exit 3'] },
      notifications: [{ type: 'webhook', url: `${hook.url}/shipit`, secret: `$\{env:HOOK_SECRET}`, on: ['failure'] }],
    });
    await world.repo.commit('feat: broken');
    await world.repo.push();
    const { result, hooks } = await shipit(['deploy', '--yes']);
    expect(result.exitCode).toBe(3);
    expect(hooks.map((p) => [p.event, p.deploy.status, p.deploy.exitCode])).toEqual([['failure', 'failure', 3]]);
  });

  it('sends failure when a beforeDeploy hook stops the deploy before its script', async () => {
    await world.writeConfig(world.repo, {
      hooks: { beforeDeploy: 'exit 4' },
      notifications: [{ type: 'webhook', url: `${hook.url}/shipit`, secret: `$\{env:HOOK_SECRET}` }],
    });
    await world.repo.commit('feat: needs a migration');
    await world.repo.push();
    const { result, hooks } = await shipit(['deploy', '--yes']);
    expect(result.exitCode, result.stderr).toBe(3);
    expect(result.stderr).toContain('error[hook-failed]');
    // No start (the deploy never started its script), then the failure as recorded.
    expect(hooks.map((p) => [p.event, p.deploy.status])).toEqual([['failure', 'failure']]);
    expect(hooks[0].deploy.message).toContain('beforeDeploy hook failed');
  });

  it('sends exclusion when a deploy holds commits back', async () => {
    await world.writeConfig(world.repo, {
      notifications: [{ type: 'webhook', url: `${hook.url}/shipit`, secret: `$\{env:HOOK_SECRET}` }],
    });
    const bad = await world.repo.commit('feat: search v2', { author: 'cy' });
    await world.repo.commit('docs: readme', { files: { 'README.md': 'hi\n' } });
    await world.repo.push();
    const { result, hooks } = await shipit(['deploy', '--yes', '--exclude', bad, '--reason', 'search 500s']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(hooks.map((p) => p.event).sort()).toEqual(['exclusion', 'start', 'success']);
    const [exclusion] = byEvent(hooks, 'exclusion');
    expect(exclusion.excluded).toEqual([
      expect.objectContaining({ sha: bad, subject: 'feat: search v2', reason: 'search 500s' }),
    ]);
    expect(exclusion.batch.commits.map((c: { sha: string }) => c.sha)).not.toContain(bad);
  });

  it('sends start and rollback for a rollback', async () => {
    const { result, hooks } = await shipit(['rollback', '--yes']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(hooks.map((p) => [p.event, p.deploy.action]).sort()).toEqual([
      ['rollback', 'rollback'],
      ['start', 'rollback'],
    ]);
    expect(byEvent(hooks, 'rollback')[0].deploy.status).toBe('success');
  });
});

describe('lock and unlock', () => {
  it('send lock and unlock with the lock', async () => {
    await shipit(['unlock', '--force']);
    const locked = await shipit(['lock', '--reason', 'db migration']);
    expect(locked.result.exitCode, locked.result.stderr).toBe(0);
    expect(locked.hooks.map((p) => [p.event, p.lock.reason, p.deploy])).toEqual([['lock', 'db migration', null]]);
    const unlocked = await shipit(['unlock']);
    expect(unlocked.result.exitCode, unlocked.result.stderr).toBe(0);
    expect(unlocked.hooks.map((p) => [p.event, p.lock.reason])).toEqual([['unlock', 'db migration']]);
  });
});
