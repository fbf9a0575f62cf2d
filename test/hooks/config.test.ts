import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { describeError } from '../../src/errors.js';
import { hookSpecs } from '../../src/hooks/schema.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipit-hooks-config-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function load(hooks: unknown) {
  const file = join(dir, 'deploy.config.json');
  await writeFile(file, JSON.stringify({ deploy: { run: 'true' }, hooks }));
  return loadConfig({ cwd: dir, repoRoot: dir, explicitPath: file });
}

async function problem(hooks: unknown): Promise<string> {
  return load(hooks).then(
    () => 'no error',
    (error: unknown) => describeError(error),
  );
}

describe('the hooks config', () => {
  it('takes a command, an argv array, an object with a timeout, or a list of them', async () => {
    const { config } = await load({
      beforeDeploy: './migrate.sh',
      afterDeploy: ['./warm.sh', ['node', 'purge.js'], { run: './notify.sh', timeout: '30s', cwd: 'ops' }],
    });
    expect(hookSpecs(config.hooks, 'beforeDeploy')).toEqual([{ run: './migrate.sh', timeout: 300_000 }]);
    expect(hookSpecs(config.hooks, 'afterDeploy')).toEqual([
      { run: './warm.sh', timeout: 300_000 },
      { run: ['node', 'purge.js'], timeout: 300_000 },
      { run: './notify.sh', timeout: 30_000, cwd: 'ops' },
    ]);
    expect(hookSpecs(config.hooks, 'onFailure')).toEqual([]);
  });

  it('names the key and what is wrong in one line', async () => {
    expect(await problem({ afterDepoy: 'x' })).toContain('hooks: unknown key "afterDepoy"');
    expect(await problem({ afterDeploy: 5 })).toContain(
      'hooks.afterDeploy: expected a command, an argv array, a function (JS/TS configs), { run, timeout, cwd, env } or a list of these',
    );
    expect(await problem({ afterDeploy: { run: 'x', timeout: '5 minutes' } })).toContain(
      'hooks.afterDeploy: timeout: expected a duration like "30s", got "5 minutes"',
    );
    expect(await problem({ beforeDeploy: ['ok', { rn: 'x' }] })).toContain(
      'hooks.beforeDeploy: [1]: run: expected a command, an argv array or a function',
    );
  });
});
