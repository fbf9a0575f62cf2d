import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorld, type World } from '../helpers/git-world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.cleanup());

const writeConfig = (name: string, text: string) => writeFile(join(world.repo.dir, name), text);

/** Runs `shipit check` expecting a usage error: exit 2, one clear line, no stack trace. */
async function expectUsageError(args: string[] = []) {
  const result = await runCli(['check', ...args], { cwd: world.repo.dir });
  expect(result.exitCode).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result.stderr;
}

describe('shipit check: bad input', () => {
  it('says where it looked when there is no config, and how to create one', async () => {
    const stderr = await expectUsageError();
    expect(stderr).toContain('error[config-not-found] no shipit config found');
    expect(stderr).toContain(world.repo.dir);
    expect(stderr).toContain('shipit init');
  });

  it('names the file, the key path and what was expected', async () => {
    await writeConfig(
      'deploy.config.json',
      JSON.stringify({
        checks: [
          { type: 'command', name: 'a', run: 'true' },
          { type: 'command', name: 'b', run: 'true' },
          { type: 'command', name: 'c', run: 'true', timeout: -5 },
        ],
      }),
    );
    expect(await expectUsageError()).toContain(
      'deploy.config.json: checks[2].timeout: expected a duration like "30s", got -5',
    );
  });

  it('rejects unknown keys and suggests the nearest one', async () => {
    await writeConfig(
      'deploy.config.json',
      JSON.stringify({ checks: [{ type: 'command', name: 'a', run: 'true', timeot: '5s' }] }),
    );
    expect(await expectUsageError()).toContain(
      'deploy.config.json: checks[0]: unknown key "timeot" (did you mean "timeout"?)',
    );
    await writeConfig('deploy.config.json', JSON.stringify({ enviroment: 'prod', checks: [] }));
    expect(await expectUsageError()).toContain('unknown key "enviroment" (did you mean "environment"?)');
  });

  it('reports a config that throws on import', async () => {
    await writeConfig('deploy.config.mjs', `throw new Error('missing STATUS_URL');`);
    expect(await expectUsageError()).toMatch(/deploy\.config\.mjs: failed to load: missing STATUS_URL/);
  });

  it('says how to fix a config that imports shipit-gate where it is not installed', async () => {
    await writeConfig(
      'deploy.config.ts',
      `import { defineConfig } from 'shipit-gate';\nexport default defineConfig({ checks: [] });\n`,
    );
    const stderr = await expectUsageError();
    expect(stderr).toMatch(/deploy\.config\.ts: failed to load: Cannot find package 'shipit-gate'/);
    expect(stderr).toContain('npm i -D shipit-gate');
  });

  it('reports a syntax error in deploy.config.ts with its line', async () => {
    await writeConfig(
      'deploy.config.ts',
      `export default {\n  checks: [\n    { name: 'x' run: () => null },\n  ],\n};\n`,
    );
    expect(await expectUsageError()).toContain(
      'deploy.config.ts: syntax error at deploy.config.ts:3:17: Expected "}" but found "run"',
    );
  });

  it("applies a built-in check's own rules across its settings", async () => {
    await writeConfig(
      'deploy.config.mjs',
      `export default { checks: [{ type: 'http', name: 'h', url: 'http://127.0.0.1:9/', json: { path: 'a', equals: 1 }, evaluate: () => null }] };`,
    );
    expect(await expectUsageError()).toContain('deploy.config.mjs: checks[0]: give either json or evaluate, not both');
  });

  it('refuses a check name used twice', async () => {
    await writeConfig(
      '.shipitrc.yaml',
      'checks:\n  - { type: command, name: tests, run: "true" }\n  - { type: command, name: tests, run: "false" }\n',
    );
    expect(await expectUsageError()).toContain('.shipitrc.yaml: checks[1].name: "tests" is already used by checks[0]');
  });

  it('refuses an unknown type and suggests the built-in', async () => {
    await writeConfig('deploy.config.json', JSON.stringify({ checks: [{ type: 'comand', name: 'a', run: 'true' }] }));
    expect(await expectUsageError()).toContain('checks[0].type: unknown check type "comand" (did you mean "command"?)');
  });

  it('names the missing type of a command line', async () => {
    await writeConfig('deploy.config.json', JSON.stringify({ checks: [{ name: 'tests', run: 'npm test' }] }));
    expect(await expectUsageError()).toContain('checks[0]: needs "type": "command" to run "npm test" as a check');
  });

  it('refuses a plugin path that does not exist', async () => {
    await writeConfig('deploy.config.json', JSON.stringify({ checks: [{ type: './checks/missing.ts' }] }));
    expect(await expectUsageError()).toContain('checks[0].type: unknown check type "./checks/missing.ts"');
  });

  it('loads a plugin module with its options', async () => {
    await writeFile(
      join(world.repo.dir, 'flags.mjs'),
      `export default (options) => ({ name: 'flags', run: () => ({ status: 'pass', summary: 'max ' + options.max }) });`,
    );
    await writeConfig('deploy.config.json', JSON.stringify({ checks: [{ type: './flags.mjs', max: 3 }] }));
    const result = await runCli(['check', '--json'], { cwd: world.repo.dir });
    expect(JSON.parse(result.stdout).checks[0]).toMatchObject({ name: 'flags', status: 'pass', summary: 'max 3' });
  });

  it('refuses --only naming no configured check, and --skip without --reason', async () => {
    await writeConfig(
      'deploy.config.json',
      JSON.stringify({ checks: [{ type: 'command', name: 'unit-tests', run: 'true' }] }),
    );
    const only = await expectUsageError(['--only', 'unit-test']);
    expect(only).toContain('--only unit-test: no check of that name is configured');
    expect(only).toContain('did you mean "unit-tests"?');
    expect(await expectUsageError(['--skip', 'unit-tests'])).toContain('a skip needs --reason');
  });

  it('says so outside a git repository', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipit-nogit-'));
    try {
      const result = await runCli(['check'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('is not inside a git repository');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says so when the branch does not exist', async () => {
    await writeConfig('deploy.config.json', JSON.stringify({ branch: 'release', checks: [{ type: 'batch-size' }] }));
    expect(await expectUsageError()).toContain('error[branch-not-found] branch "release" does not exist on origin');
  });

  it('exits 2 on an unknown command and suggests the nearest one', async () => {
    const result = await runCli(['chek'], { cwd: world.repo.dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('(Did you mean check?)');
  });
});
