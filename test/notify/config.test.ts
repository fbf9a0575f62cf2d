import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';

let world: DeployWorld;
beforeAll(async () => {
  world = await createDeployWorld();
});
afterAll(() => world.cleanup());

describe('the notifications config', () => {
  it('defaults to none, each entry to every event and a 5 s timeout', () => {
    expect(configSchema.parse({}).notifications).toEqual([]);
    const parsed = configSchema.parse({
      notifications: [
        { type: 'slack', url: `$\{env:SLACK_WEBHOOK}` },
        { type: 'webhook', url: 'https://x.test/h', timeout: '2s', on: ['failure'] },
      ],
    });
    expect(parsed.notifications).toEqual([
      { type: 'slack', url: `$\{env:SLACK_WEBHOOK}`, timeout: 5_000 },
      { type: 'webhook', url: 'https://x.test/h', timeout: 2_000, on: ['failure'] },
    ]);
  });

  it('refuses a bad entry with one line per problem, naming it (exit 2)', async () => {
    await world.writeConfig(world.repo, {
      notifications: [
        { type: 'github-actions' },
        { type: 'slack', url: 'hooks.slack.com/services/x' },
        { type: 'webhook', url: 'https://x.test', on: ['deploy'] },
        { type: 'slack', url: 'https://x.test', secret: 'only for webhooks' },
      ],
    });
    const result = await world.shipit(world.repo, ['checks']);
    expect(result.exitCode).toBe(2);
    const lines = result.stderr.split('\n');
    expect(lines.find((line) => line.includes('notifications[0].type'))).toContain(
      'GitHub Actions annotations need no entry',
    );
    expect(lines.find((line) => line.includes('notifications[1].url'))).toContain('expected an http(s) URL');
    expect(lines.find((line) => line.includes('notifications[2].on[0]'))).toContain('"failure"');
    expect(result.stderr).toContain('notifications[3]');
    expect(result.stderr).toContain('secret');
  });
});
