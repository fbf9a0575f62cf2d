import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorld, type World } from '../helpers/git-world.js';

// One naming rule for environments (src/state/environment-name.ts), one message, wherever the name comes from.
let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.cleanup());

const RULE = 'use letters, digits, ".", "_" or "-", starting with a letter or digit';

async function check(config: object, args: string[] = []) {
  const checks = [{ type: 'command', name: 'unit', run: 'true' }];
  await writeFile(join(world.repo.dir, 'deploy.config.json'), JSON.stringify({ checks, ...config }));
  const result = await runCli(['check', '--no-fetch', ...args], { cwd: world.repo.dir });
  expect(result.exitCode).toBe(2);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result.stderr;
}

describe('environment names and the state backend', () => {
  it('refuses a bad environment in the config at load, naming the key', async () => {
    // "_eu" passed the config's old rule and failed only when the state store opened.
    const stderr = await check({ environment: '_eu' });
    expect(stderr).toContain(`deploy.config.json: environment: "_eu" is not a valid environment name: ${RULE}`);
  });

  it('refuses a bad --env with the same message and a hint', async () => {
    const stderr = await check({}, ['--env', 'prod/eu']);
    expect(stderr).toContain(`error[bad-environment] "prod/eu" is not a valid environment name: ${RULE}`);
    expect(stderr).toContain('--env');
  });

  it('refuses an unknown state backend, listing the known ones', async () => {
    const stderr = await check({ state: { backend: 'postgres' } });
    expect(stderr).toContain('deploy.config.json: state.backend: expected one of "git", got "postgres"');
  });
});
