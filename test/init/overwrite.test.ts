import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createLocalRepo, type Repo } from '../helpers/git-world.js';

let repo: Repo;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ repo, cleanup } = await createLocalRepo());
});
afterEach(() => cleanup());

const shipit = (...args: string[]) => runCli(args, { cwd: repo.dir });
const at = (path: string) => join(repo.dir, path);

describe('shipit init and an existing config', () => {
  it('refuses to overwrite deploy.config.ts without --force, and replaces it with --force', async () => {
    await writeFile(at('deploy.config.ts'), 'export default { environment: "staging" };\n');
    const refused = await shipit('init');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('deploy.config.ts already exists: shipit init does not overwrite a config');
    expect(refused.stderr).toContain('shipit init --force');
    expect(await readFile(at('deploy.config.ts'), 'utf8')).toBe('export default { environment: "staging" };\n');

    const forced = await shipit('init', '--force');
    expect(forced.exitCode).toBe(0);
    expect(await readFile(at('deploy.config.ts'), 'utf8')).toContain("environment: 'production',");
  });

  it('counts every place shipit reads a config from, package.json only with a "shipit" key', async () => {
    await writeFile(at('package.json'), JSON.stringify({ name: 'app', scripts: {} }));
    await writeFile(at('.shipitrc.yaml'), 'environment: staging\n');
    const refused = await shipit('init');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('.shipitrc.yaml already exists');

    expect((await shipit('init', '--force')).exitCode).toBe(0);
    const listed = await shipit('checks', '--json');
    expect(JSON.parse(listed.stdout).map((check: { name: string }) => check.name)).toEqual([
      'batch-size',
      'deploy-window',
    ]);
  });

  it('refuses over a "shipit" key in package.json, and with --force says the key is no longer loaded', async () => {
    await writeFile(at('package.json'), JSON.stringify({ name: 'app', shipit: { environment: 'staging' } }));
    const refused = await shipit('init');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('package.json already exists');

    const forced = await shipit('init', '--force');
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toContain('the "shipit" key of package.json is left as it was but no longer loaded');
    const listed = await shipit('checks');
    expect(listed.stdout).toContain('2 checks in deploy.config.ts');
  });

  it('writes at the repository root from a subfolder, and finds a config above the subfolder', async () => {
    await mkdir(at('services/api'), { recursive: true });
    const fromSubfolder = (...args: string[]) => runCli(args, { cwd: at('services/api') });
    const written = await fromSubfolder('init');
    expect(written.exitCode).toBe(0);
    expect(written.stdout).toContain('Wrote ../../deploy.config.ts');
    expect((await readFile(at('deploy.config.ts'), 'utf8')).length).toBeGreaterThan(0);
    const again = await fromSubfolder('init');
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('../../deploy.config.ts already exists');
  });

  it('says where it is wrong outside a git repository', async () => {
    const outside = await runCli(['init'], { cwd: join(repo.dir, '..') });
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toContain('is not inside a git repository');
  });
});

describe('shipit with no arguments', () => {
  it('points to shipit init in a repository with no config, and not once there is one', async () => {
    const bare = await shipit();
    expect(bare.exitCode).toBe(0);
    expect(bare.stdout).toContain('Usage: shipit');
    expect(bare.stdout).toContain('run `shipit init` to write a deploy.config.ts');

    expect((await shipit('init')).exitCode).toBe(0);
    const configured = await shipit();
    expect(configured.stdout).toContain('Usage: shipit');
    expect(configured.stdout).not.toContain('shipit init` to write');
  });
});
