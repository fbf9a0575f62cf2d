import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createLocalRepo, createWorld, type Repo } from '../helpers/git-world.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A clone whose origin is named like GitHub but, through insteadOf, is the local bare repository. */
async function githubClone(remoteUrl = 'git@github.com:acme/shop.git') {
  const world = await createWorld();
  cleanups.push(world.cleanup);
  await world.repo.git('remote', 'set-url', 'origin', remoteUrl);
  await world.repo.git('config', `url.${world.origin}.insteadOf`, remoteUrl);
  return world.repo;
}

async function localRepo() {
  const local = await createLocalRepo();
  cleanups.push(local.cleanup);
  return local.repo;
}

async function writeFiles(repo: Repo, files: Record<string, string>) {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(repo.dir, path)), { recursive: true });
    await writeFile(join(repo.dir, path), content);
  }
}

const shipit = (repo: Repo, ...args: string[]) => runCli(args, { cwd: repo.dir });
const readConfig = (repo: Repo) => readFile(join(repo.dir, 'deploy.config.ts'), 'utf8');

async function checkNames(repo: Repo): Promise<string[]> {
  const listed = await shipit(repo, 'checks', '--json');
  expect(listed.stderr).toBe('');
  expect(listed.exitCode).toBe(0);
  return JSON.parse(listed.stdout).map((check: { name: string }) => check.name);
}

describe('shipit init', () => {
  it('sets up a Rails repository on GitHub: CI, pull requests, YAML translations and Capistrano', async () => {
    const repo = await githubClone();
    await repo.commit('rails app', {
      files: {
        'config/locales/en.yml': 'en:\n  greeting: "Hello %{name}"\n',
        'config/locales/fr.yml': 'fr:\n  greeting: "Bonjour %{name}"\n',
        'config/locales/devise.de.yml': 'de:\n  greeting: "Hallo %{name}"\n',
        Capfile: "require 'capistrano/setup'\n",
        'config/deploy.rb': "set :application, 'shop'\n",
      },
    });
    await repo.push();

    const init = await shipit(repo, 'init');
    expect(init.exitCode).toBe(0);
    expect(init.stdout).toContain('Wrote deploy.config.ts');
    expect(init.stdout).toMatch(/github\s+acme\/shop: ci-status, pull-requests/);
    expect(init.stdout).toMatch(/branch\s+main \(origin\/HEAD\)/);

    const config = await readConfig(repo);
    expect(config).toContain("github: { repository: 'acme/shop' },");
    expect(config).toContain("files: 'config/locales/**/*.yml', source: 'en'");
    expect(config).toContain('Every en key of config/locales must exist in de, fr.');
    expect(config).toContain("deploy: { run: 'bundle exec cap production deploy' },");
    expect(config).toContain("rollback: { run: 'bundle exec cap production deploy:rollback' },");
    expect(config).toContain("set :branch, ENV.fetch('SHIPIT_SHA', 'main')");
    expect(config).not.toContain("shipit-gate';");

    expect(await checkNames(repo)).toEqual(['ci', 'pull-requests', 'translations', 'batch-size', 'deploy-window']);
    const check = await shipit(repo, 'check', '--only', 'batch-size', '--only', 'translations', '--json');
    expect(check.exitCode).toBe(0);
    const statuses = JSON.parse(check.stdout).checks.map(
      (c: { name: string; status: string }) => `${c.name}:${c.status}`,
    );
    expect(statuses).toEqual(['translations:pass', 'batch-size:pass']);
  });

  it('sets up a Node repository with i18next locales and a deploy npm script, typed when shipit-gate is installed', async () => {
    const repo = await githubClone('https://github.com/acme/web.git');
    await repo.commit('web app', {
      files: {
        'package.json': JSON.stringify({
          name: 'web',
          scripts: { deploy: 'node deploy.js', rollback: 'node rollback.js' },
        }),
        'public/locales/en/common.json': '{"title": "Shop", "cart": {"empty": "Your cart is empty"}}',
        'public/locales/es/common.json': '{"title": "Tienda", "cart": {"empty": "Tu carrito está vacío"}}',
      },
    });
    await repo.push();
    await mkdir(join(repo.dir, 'node_modules'));
    await symlink(PACKAGE_ROOT, join(repo.dir, 'node_modules', 'shipit-gate'));

    const init = await shipit(repo, 'init');
    expect(init.exitCode).toBe(0);
    const config = await readConfig(repo);
    expect(config).toContain("import { defineConfig } from 'shipit-gate';");
    expect(config).toContain('export default defineConfig({');
    expect(config).toContain("github: { repository: 'acme/web' },");
    expect(config).toContain("files: 'public/locales/**/*.json', source: 'en'");
    expect(config).toContain("deploy: { run: 'npm run deploy' },");
    expect(config).toContain("rollback: { run: 'npm run rollback' },");

    const typeCheck = await execa(
      join(PACKAGE_ROOT, 'node_modules/.bin/tsc'),
      ['--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'deploy.config.ts'],
      { cwd: repo.dir, reject: false },
    );
    expect(typeCheck.exitCode, String(typeCheck.stdout)).toBe(0);

    expect(await checkNames(repo)).toEqual(['ci', 'pull-requests', 'translations', 'batch-size', 'deploy-window']);
    const check = await shipit(repo, 'check', '--only', 'translations', '--only', 'batch-size');
    expect(check.stdout).toMatch(/✔ translations/);
    expect(check.exitCode).toBe(0);
  });

  it('sets up a repository with no remote and nothing to detect: the gate runs, deploy asks for a script', async () => {
    const repo = await localRepo();
    const init = await shipit(repo, 'init');
    expect(init.exitCode).toBe(0);
    expect(init.stdout).toMatch(/github\s+no GitHub remote/);
    expect(init.stdout).toMatch(/deploy\s+none found: set deploy.run/);
    const config = await readConfig(repo);
    expect(config).not.toContain('github:');
    expect(config).toContain("  // deploy: { run: './scripts/deploy.sh' },");

    expect(await checkNames(repo)).toEqual(['batch-size', 'deploy-window']);
    // deploy-window is a warning, so the gate passes at any hour.
    const check = await shipit(repo, 'check');
    expect(check.exitCode).toBe(0);
    expect(check.stdout).toMatch(/✔ batch-size/);
    const deploy = await shipit(repo, 'deploy', '--yes');
    expect(deploy.exitCode).toBe(2);
    expect(deploy.stderr).toContain('no deploy.run is configured');
  });

  it('uses a deploy script of the repository, and its rollback script', async () => {
    const repo = await localRepo();
    await writeFiles(repo, { 'bin/deploy': '#!/bin/sh\n', 'bin/rollback': '#!/bin/sh\n' });
    expect((await shipit(repo, 'init')).exitCode).toBe(0);
    const config = await readConfig(repo);
    expect(config).toContain("deploy: { run: './bin/deploy' },");
    expect(config).toContain("rollback: { run: './bin/rollback' },");
  });

  it('falls back on SHIPIT_ACTION=rollback when there is a deploy script but no rollback one', async () => {
    const repo = await localRepo();
    await writeFiles(repo, { 'scripts/deploy.sh': '#!/bin/sh\n' });
    expect((await shipit(repo, 'init')).exitCode).toBe(0);
    const config = await readConfig(repo);
    expect(config).toContain("deploy: { run: './scripts/deploy.sh' },");
    expect(config).not.toContain('rollback: {');
    expect(config).toContain('shipit rollback runs ./scripts/deploy.sh with SHIPIT_ACTION=rollback');
  });

  it('deploys Kamal at the commit shipit chose and rolls back to it by version', async () => {
    const repo = await localRepo();
    await writeFiles(repo, { 'config/deploy.yml': 'service: shop\nimage: acme/shop\nservers:\n  - 192.0.2.1\n' });
    expect((await shipit(repo, 'init')).exitCode).toBe(0);
    const config = await readConfig(repo);
    expect(config).toContain(`deploy: { run: 'git checkout --quiet --detach "$SHIPIT_SHA" && kamal deploy' },`);
    expect(config).toContain(`rollback: { run: 'kamal rollback "$SHIPIT_SHA"' },`);
    expect(await checkNames(repo)).toEqual(['batch-size', 'deploy-window']);
  });

  it('uses the bin/kamal binstub of a Rails 8 application', async () => {
    const repo = await localRepo();
    await writeFiles(repo, { 'config/deploy.yml': 'service: shop\n', 'bin/kamal': '#!/usr/bin/env ruby\n' });
    expect((await shipit(repo, 'init')).exitCode).toBe(0);
    const config = await readConfig(repo);
    expect(config).toContain(`deploy: { run: 'git checkout --quiet --detach "$SHIPIT_SHA" && bin/kamal deploy' },`);
    expect(config).toContain(`rollback: { run: 'bin/kamal rollback "$SHIPIT_SHA"' },`);
  });

  it('takes the branch origin/HEAD names, and the API of a GitHub Enterprise host', async () => {
    const repo = await githubClone('git@github.acme.internal:platform/shop.git');
    await repo.git('push', '-q', 'origin', 'HEAD:refs/heads/trunk');
    await repo.git('fetch', '-q', 'origin');
    await repo.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
    await repo.git('checkout', '-q', '-b', 'feature/login');
    expect((await shipit(repo, 'init')).exitCode).toBe(0);
    const config = await readConfig(repo);
    expect(config).toContain("branch: 'trunk',");
    expect(config).toContain(
      "github: { repository: 'platform/shop', baseUrl: 'https://github.acme.internal/api/v3' },",
    );
    expect((await shipit(repo, 'checks')).exitCode).toBe(0);
  });

  it('ignores a remote that is not on GitHub', async () => {
    const repo = await githubClone('https://gitlab.com/acme/shop.git');
    expect((await shipit(repo, 'init')).exitCode).toBe(0);
    expect(await readConfig(repo)).not.toContain('github:');
  });
});
