import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorld, type World } from '../helpers/git-world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.cleanup());

const writeConfig = (config: unknown) =>
  writeFile(join(world.repo.dir, 'deploy.config.json'), JSON.stringify(config, null, 2));
const shipit = (...args: string[]) => runCli(args, { cwd: world.repo.dir });

describe('which checks the gate runs', () => {
  it('names a built-in check after its type when it has no name', async () => {
    await writeConfig({ checks: [{ type: 'batch-size' }, { type: 'deploy-window', severity: 'warning' }] });
    const listed = await shipit('checks', '--json');
    expect(listed.stderr).toBe('');
    expect(JSON.parse(listed.stdout).map((check: { name: string }) => check.name)).toEqual([
      'batch-size',
      'deploy-window',
    ]);
    const only = await shipit('check', '--json', '--only', 'batch-size');
    expect(only.exitCode).toBe(0);
    expect(JSON.parse(only.stdout).checks.map((check: { name: string }) => check.name)).toEqual(['batch-size']);
  });

  it('refuses two unnamed checks of one type, naming both entries', async () => {
    await writeConfig({
      checks: [
        { type: 'command', name: 'tests', run: 'true' },
        { type: 'batch-size' },
        { type: 'batch-size', commits: { fail: 5 } },
        { type: 'command', run: 'true' },
        { type: 'command', run: 'false' },
      ],
    });
    const result = await shipit('check');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `deploy.config.json: checks[1] and checks[2] are both called "batch-size" (neither has a name); give each its own, e.g. name: 'batch-size-2'`,
    );
    expect(result.stderr).toContain('checks[3] and checks[4] are both called "command"');
  });

  it('refuses a config with no checks instead of passing 0/0, with a hint', async () => {
    await writeConfig({ checks: [] });
    for (const args of [['check'], ['check', '--json']]) {
      const result = await shipit(...args);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stdout).not.toContain('GATE PASSED');
      expect(result.stderr).toContain('error[no-checks] deploy.config.json: no checks configured');
      expect(result.stderr).toContain('hint: run `shipit init`');
    }
    expect(JSON.parse((await shipit('check', '--json')).stdout).error.code).toBe('no-checks');
  });

  it('refuses a gate where no check guards deploy, or --skip leaves none to run', async () => {
    await writeConfig({ checks: [{ type: 'batch-size', on: ['rollback'] }] });
    const none = await shipit('check');
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('none of the 1 configured checks guards deploy');
    expect((await shipit('check', '--only', 'batch-size')).exitCode).toBe(0);

    await writeConfig({ checks: [{ type: 'batch-size' }, { type: 'command', name: 'tests', run: 'true' }] });
    const all = await shipit('check', '--skip', 'batch-size', 'tests', '--reason', 'in a hurry');
    expect(all.exitCode).toBe(2);
    expect(all.stderr).toContain('error[skip-all] --skip batch-size, tests: that skips every check of the gate');
    const some = await shipit('check', '--json', '--skip', 'tests', '--reason', 'in a hurry');
    expect(some.exitCode).toBe(0);
    expect(JSON.parse(some.stdout).checks[1]).toMatchObject({ name: 'tests', status: 'skip' });
  });

  it('warns when GITHUB_STEP_SUMMARY cannot be written, and keeps the gate verdict as the exit code', async () => {
    await writeConfig({ checks: [{ type: 'batch-size' }] });
    const folder = join(world.root, 'summary-is-a-folder');
    await mkdir(folder);
    for (const args of [['check'], ['check', '--json']]) {
      const result = await runCli(args, { cwd: world.repo.dir, env: { GITHUB_STEP_SUMMARY: folder } });
      expect(result.exitCode, args.join(' ')).toBe(0);
      expect(result.stderr).toContain(`warning: could not append the report to GITHUB_STEP_SUMMARY (${folder})`);
    }
  });
});
