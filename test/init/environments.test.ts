import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createLocalRepo, type Repo } from '../helpers/git-world.js';
import { strictAjv } from '../json/ajv.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function repoWith(files: Record<string, string>): Promise<Repo> {
  const local = await createLocalRepo();
  cleanups.push(local.cleanup);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(local.repo.dir, path)), { recursive: true });
    await writeFile(join(local.repo.dir, path), content);
  }
  return local.repo;
}

const shipit = (repo: Repo, ...args: string[]) => runCli(args, { cwd: repo.dir });

async function validator() {
  const ajv = strictAjv();
  const schema = (name: string) => readFile(join(__dirname, '../../docs/schemas', `${name}.schema.json`), 'utf8');
  ajv.addSchema(JSON.parse(await schema('common')));
  return ajv.compile(JSON.parse(await schema('init')));
}

describe('shipit init with staging and production', () => {
  it('writes environments from one script per environment, and the config loads and deploys each', async () => {
    const repo = await repoWith({
      'scripts/deploy-staging.sh': '#!/bin/sh\necho "staging $SHIPIT_SHA" > "$OUT"\n',
      'scripts/deploy-production.sh': '#!/bin/sh\necho "production $SHIPIT_SHA" > "$OUT"\n',
    });
    for (const env of ['staging', 'production']) await chmod(join(repo.dir, `scripts/deploy-${env}.sh`), 0o755);

    const init = await shipit(repo, 'init', '--json');
    expect(init.exitCode, init.stderr).toBe(0);
    const document = JSON.parse(init.stdout);
    const validate = await validator();
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    expect(document.file).toBe('deploy.config.ts');
    expect(document.detected.environments).toEqual({
      found: 'scripts/deploy-staging.sh and scripts/deploy-production.sh',
      environments: [
        { name: 'staging', run: './scripts/deploy-staging.sh', rollback: null },
        { name: 'production', run: './scripts/deploy-production.sh', rollback: null },
      ],
    });
    const config = await readFile(join(repo.dir, 'deploy.config.ts'), 'utf8');
    expect(config).toContain("promote: { from: 'staging', soak: '30m' },");

    // The config as written is valid, and each environment runs its own script.
    await repo.commit('chore: shipit config', { files: { 'deploy.config.ts': config } });
    const out = join(repo.dir, '.git', 'deployed');
    const deployed = await runCli(
      ['deploy', '--yes', '--env', 'staging', '--skip', 'deploy-window', '--reason', 'test'],
      {
        cwd: repo.dir,
        env: { OUT: out },
      },
    );
    expect(deployed.exitCode, deployed.stderr).toBe(0);
    expect(await readFile(out, 'utf8')).toMatch(/^staging [0-9a-f]{40}\n$/);
  }, 60_000);

  it('writes environments from Kamal destinations', async () => {
    const repo = await repoWith({
      'config/deploy.yml': 'service: shop\nimage: acme/shop\n',
      'config/deploy.staging.yml': 'servers: [staging.example.com]\n',
      'config/deploy.production.yml': 'servers: [shop.example.com]\n',
    });
    const init = await shipit(repo, 'init', '--json');
    expect(init.exitCode, init.stderr).toBe(0);
    const { environments } = JSON.parse(init.stdout).detected.environments;
    expect(environments.map((env: { name: string }) => env.name)).toEqual(['staging', 'production']);
    const config = await readFile(join(repo.dir, 'deploy.config.ts'), 'utf8');
    expect(config).toContain(
      `deploy: { run: 'git checkout --quiet --detach "$SHIPIT_SHA" && kamal deploy -d staging' },`,
    );
    expect(config).toContain(`rollback: { run: 'kamal rollback -d production "$SHIPIT_SHA"' },`);
    const listed = await shipit(repo, 'checks', '--json', '--env', 'staging');
    expect(listed.exitCode, listed.stderr).toBe(0);
  });

  it('writes environments from npm scripts deploy:staging and deploy:production', async () => {
    const scripts = { 'deploy:staging': 'x', 'deploy:production': 'y', 'rollback:production': 'z' };
    const repo = await repoWith({ 'package.json': JSON.stringify({ name: 'shop', scripts }) });
    const init = await shipit(repo, 'init', '--json');
    expect(init.exitCode, init.stderr).toBe(0);
    expect(JSON.parse(init.stdout).detected.environments.environments).toEqual([
      { name: 'staging', run: 'npm run deploy:staging', rollback: null },
      { name: 'production', run: 'npm run deploy:production', rollback: 'npm run rollback:production' },
    ]);
  });

  it('keeps the single-environment form for one deploy script', async () => {
    const repo = await repoWith({ 'bin/deploy': '#!/bin/sh\necho deploy\n' });
    const init = await shipit(repo, 'init', '--json');
    expect(init.exitCode, init.stderr).toBe(0);
    const document = JSON.parse(init.stdout);
    expect(document.detected.environments).toBeNull();
    expect(document.detected.deploy.run).toBe('./bin/deploy');
    expect(await readFile(join(repo.dir, 'deploy.config.ts'), 'utf8')).not.toContain('environments');
  });
});
