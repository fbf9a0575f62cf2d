import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import { strictAjv } from '../json/ajv.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

/** Staging and production: their own deploy roots (so their own scripts' effects), and their own checks. */
function twoEnvironments(extra: Record<string, unknown> = {}) {
  const root = (name: string) => join(world.root, name);
  return {
    checks: [
      { type: 'command', name: 'tests', run: 'true' },
      { type: 'command', name: 'lint', run: 'true' },
    ],
    environments: {
      staging: {
        deploy: { run: world.script, env: { DEPLOY_ROOT: root('staging') } },
        // Added to the shared ones; "tests" replaces the shared check of that name.
        checks: [
          { type: 'command', name: 'smoke', run: 'true' },
          { type: 'command', name: 'tests', run: 'echo staging tests' },
        ],
      },
      production: {
        deploy: { run: world.script, env: { DEPLOY_ROOT: root('production') } },
        checks: { drop: ['lint'], add: [{ type: 'command', name: 'canary', run: 'true' }] },
      },
    },
    ...extra,
  };
}

const checkNames = async (args: string[]) => {
  const result = await world.shipit(world.repo, ['check', '--json', '--no-fetch', ...args]);
  expect(result.exitCode, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { environment: string; checks: { name: string; summary: string }[] };
};

describe('environments in one config', () => {
  it('gives each environment its own checks and script, and its own history', async () => {
    const { repo } = world;
    await world.writeConfig(repo, twoEnvironments());

    const staging = await checkNames(['--env', 'staging']);
    expect(staging.checks.map((result) => result.name)).toEqual(['tests', 'lint', 'smoke']);
    expect(staging.checks[0]?.summary).toContain('staging tests');
    // Without --env: production, the default.
    const production = await checkNames([]);
    expect(production.checks.map((result) => result.name)).toEqual(['tests', 'canary']);

    const deployed = await world.shipit(repo, ['deploy', '--yes', '--env', 'staging']);
    expect(deployed.exitCode, deployed.stderr).toBe(0);
    const stagingEnv = await readFile(join(world.root, 'staging', 'releases', '1.env'), 'utf8');
    expect(stagingEnv).toContain('SHIPIT_ENVIRONMENT=staging');
    // Production's script never ran, and its history is its own.
    await expect(readFile(join(world.root, 'production', 'releases', '1.env'), 'utf8')).rejects.toThrow();
    const history = await world.shipit(repo, ['history', '--json']);
    expect(JSON.parse(history.stdout).records).toEqual([]);
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
    const productionEnv = await readFile(join(world.root, 'production', 'releases', '1.env'), 'utf8');
    expect(productionEnv).toContain('SHIPIT_ENVIRONMENT=production');
  }, 120_000); // seven CLI runs against real git

  it('refuses an unknown environment with the list (exit 2)', async () => {
    await world.writeConfig(world.repo, twoEnvironments());
    const result = await world.shipit(world.repo, ['status', '--env', 'prod']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('unknown environment prod: ');
    expect(result.stderr).toContain('defines staging, production');
  });

  it('asks which environment when several are defined and none is production (exit 2)', async () => {
    const config = twoEnvironments();
    const { staging, production } = config.environments;
    await world.writeConfig(world.repo, { ...config, environments: { staging, live: production } });
    const result = await world.shipit(world.repo, ['status']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('defines staging, live and none is named production');
    expect((await world.shipit(world.repo, ['status', '--env', 'live', '--no-fetch'])).exitCode).toBe(0);
  });

  it('names the entry of an environment in a config error', async () => {
    const config = twoEnvironments();
    config.environments.staging.checks = [{ type: 'command', name: 'smoke', run: 'true', timeout: -5 } as never];
    await world.writeConfig(world.repo, config);
    const result = await world.shipit(world.repo, ['check', '--env', 'staging']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('environments.staging.checks[0].timeout');
  });

  it("runs an environment's inline JS checks isolated, each found again by its place", async () => {
    const config = join(world.repo.dir, '.git', 'inline.config.mjs');
    await writeFile(
      config,
      `export default {
  checks: [{ name: 'shared', run: () => ({ status: 'pass', summary: 'shared ran' }) }],
  environments: {
    staging: { checks: [{ name: 'staging-only', run: () => ({ status: 'warn', summary: 'staging ran' }) }] },
    production: { checks: { replace: [{ name: 'prod-only', run: () => ({ status: 'pass', summary: 'prod ran' }) }] } },
  },
};
`,
    );
    const run = async (env: string) => {
      const result = await runCli(['--config', config, 'check', '--json', '--no-fetch', '--env', env], {
        cwd: world.repo.dir,
      });
      expect(result.exitCode, result.stderr).toBe(0);
      return JSON.parse(result.stdout).checks.map((check: { name: string; summary: string }) => check.summary);
    };
    expect(await run('staging')).toEqual(['shared ran', 'staging ran']);
    expect(await run('production')).toEqual(['prod ran']);
  });

  it('keeps a single-environment config as it was: --env names any environment', async () => {
    await world.writeConfig(world.repo, { checks: [{ type: 'command', name: 'tests', run: 'true' }] });
    expect((await world.shipit(world.repo, ['deploy', '--yes', '--env', 'qa'])).exitCode).toBe(0);
    const status = JSON.parse((await world.shipit(world.repo, ['status', '--json', '--env', 'qa'])).stdout);
    expect(status.environment).toBe('qa');
    expect(status.live.deployId).toBe(1);
  });
});

describe('shipit status --all', () => {
  it('shows every environment on one screen, and as JSON that matches its schema', async () => {
    const { repo } = world;
    await world.writeConfig(repo, twoEnvironments());
    expect((await world.shipit(repo, ['deploy', '--yes', '--env', 'staging'])).exitCode).toBe(0);
    await repo.commit('feat: cart', { files: { 'cart.txt': 'cart\n' } });
    const bad = await repo.commit('feat: search v2', { files: { 'search.txt': 'v2\n' } });
    await repo.push();
    const excluded = await world.shipit(repo, ['deploy', '--yes', '--env', 'staging', '-x', bad, '--reason', 'slow']);
    expect(excluded.exitCode, excluded.stderr).toBe(0);
    expect((await world.shipit(repo, ['lock', '--reason', 'db migration'])).exitCode).toBe(0);

    const human = await world.shipit(repo, ['status', '--all']);
    expect(human.exitCode, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^staging +[0-9a-f]{7} deploy #2 by dev/m);
    expect(human.stdout).toContain(`excluded ${bad.slice(0, 7)} "feat: search v2": slow`);
    expect(human.stdout).toMatch(/^production +nothing deployed yet/m);
    expect(human.stdout).toContain('db migration');

    const result = await world.shipit(repo, ['status', '--all', '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout);
    const ajv = strictAjv();
    const schema = (name: string) => readFile(join(__dirname, '../../docs/schemas', `${name}.schema.json`), 'utf8');
    ajv.addSchema(JSON.parse(await schema('common')));
    const validate = ajv.compile(JSON.parse(await schema('status-all')));
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    const [staging, production] = document.environments;
    expect(staging.environment).toBe('staging');
    expect(staging.live.deployId).toBe(2);
    expect(staging.exclusions.map((entry: { sha: string }) => entry.sha)).toEqual([bad]);
    expect(staging.lock).toBeNull();
    expect(production.live).toBeNull();
    expect(production.lock.reason).toBe('db migration');
  }, 120_000); // six CLI runs against real git
});
