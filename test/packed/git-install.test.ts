import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installTarball, REPO_ROOT } from '../helpers/packed-project.js';
import { createPackedWorld, type PackedWorld } from '../helpers/packed-world.js';

// The README's install from a git URL, before the package is on the registry. npm clones the
// repository, installs its devDependencies in the clone and runs `prepare` (the build), then
// installs what `npm pack` makes of it. This installs the last commit, not uncommitted changes.

let root: string;
let world: PackedWorld;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'shipit-git-install-'));
  const head = (await execa('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT })).stdout;
  const spec = `git+file://${REPO_ROOT}#${head}`;
  const dir = join(root, 'app');
  await installTarball(dir, spec, { resolved: spec });
  world = await createPackedWorld({ dir, tarball: '', cleanup: async () => {} }, process.execPath);
}, 600_000);
afterAll(async () => {
  await world?.cleanup();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('installing from a git URL', () => {
  it('builds the package in the clone (prepare) and installs the built CLI', async () => {
    const installed = join(world.repo.dir, 'node_modules', 'shipit-gate');
    expect(existsSync(join(installed, 'dist', 'bin', 'main.js'))).toBe(true);
    // What `files` ships, not the whole clone.
    expect(existsSync(join(installed, 'src'))).toBe(false);
    const { version } = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8'));
    expect((await world.npxShipit(['--version'])).stdout.trim()).toBe(version);
  });

  it('runs a check', async () => {
    await world.commitAndPush('add config', {
      'deploy.config.json': JSON.stringify({ checks: [{ type: 'command', name: 'ok', run: 'echo fine' }] }),
    });
    const result = await world.npxShipit(['check', '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).checks[0]).toMatchObject({ name: 'ok', status: 'pass' });
  });
});
