import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorld, type World } from '../helpers/git-world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.cleanup());

describe('every built-in check', () => {
  it('loads from plain data through the CLI, with its own settings validated', async () => {
    const checks = [
      { type: 'command', name: 'command', run: 'true' },
      { type: 'deploy-window', name: 'deploy-window', timezone: 'Europe/Paris' },
      { type: 'batch-size', name: 'batch-size', commits: { warn: 10 } },
      { type: 'http', name: 'http', url: 'http://127.0.0.1:9/health' },
      { type: 'statuspage', name: 'statuspage', url: 'http://127.0.0.1:9' },
      { type: 'alertmanager', name: 'alertmanager', url: 'http://127.0.0.1:9', matchers: ['severity=critical'] },
      { type: 'pagerduty', name: 'pagerduty', services: ['PABC123'], baseUrl: 'http://127.0.0.1:9' },
      { type: 'ci-status', name: 'ci-status', required: ['build'] },
      { type: 'pull-requests', name: 'pull-requests', blockLabels: ['qa-pending'] },
      { type: 'translations', name: 'translations', files: 'config/locales/*.yml' },
    ];
    await writeFile(join(world.repo.dir, 'deploy.config.json'), JSON.stringify({ checks }));
    const listed = await runCli(['checks', '--json'], { cwd: world.repo.dir });
    expect(listed.stderr).toBe('');
    expect(JSON.parse(listed.stdout).map((check: { name: string }) => check.name)).toEqual(
      checks.map((check) => check.name),
    );

    // Each one's own settings are checked too: a typo names the check and the key.
    for (const check of checks) {
      await writeFile(
        join(world.repo.dir, 'deploy.config.json'),
        JSON.stringify({ checks: [{ ...check, colour: 'red' }] }),
      );
      const result = await runCli(['checks'], { cwd: world.repo.dir });
      expect(result.exitCode, check.type).toBe(2);
      expect(result.stderr, check.type).toContain('deploy.config.json: checks[0]: unknown key "colour"');
    }
  });
});
