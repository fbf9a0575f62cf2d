import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/config/json-schema.js';
import { loadConfig } from '../../src/config/load.js';
import type { ProjectFacts } from '../../src/init/detect.js';
import { renderConfig } from '../../src/init/render-config.js';
import { strictAjv } from './ajv.js';

// The published config schema (`shipit-gate/schema.json`) must say what the loader says: every
// config it accepts loads, every config it refuses fails to load. The loader (zod) is the oracle.

const ROOT = new URL('../../', import.meta.url);
let validate: ReturnType<ReturnType<typeof strictAjv>['compile']>;
let dir: string;

beforeAll(async () => {
  validate = strictAjv().compile(await configJsonSchema());
  dir = await mkdtemp(join(tmpdir(), 'shipit-config-schema-'));
  await mkdir(join(dir, 'checks'));
  await writeFile(
    join(dir, 'checks/flags.mjs'),
    "export default { name: 'flags', run: () => ({ status: 'pass', summary: 'ok' }) };\n",
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** What shipit itself says of a JSON config: loaded, or refused. */
async function loads(config: unknown, file = 'deploy.config.json'): Promise<boolean> {
  const path = join(dir, file);
  await writeFile(path, JSON.stringify(config));
  try {
    await loadConfig({ cwd: dir, repoRoot: dir, explicitPath: path });
    return true;
  } catch {
    return false;
  }
}

const schemaErrors = (config: unknown) => (validate(config) ? [] : (validate.errors ?? []));

const VALID: Record<string, unknown> = {
  'an empty config': {},
  'a $schema key': { $schema: './node_modules/shipit-gate/schema.json', environment: 'staging' },
  'every top-level key': {
    environment: 'production',
    branch: 'main',
    remote: 'upstream',
    concurrency: 4,
    github: { repository: 'acme/shop', baseUrl: 'https://ghe.example.com/api/v3', onRateLimit: 'wait' },
    deploy: { run: ['./bin/deploy', '--prod'], cwd: 'ops', env: { REGION: 'eu' }, timeout: '45m', killGrace: 5000 },
    rollback: { lock: false, timeout: '1.5h' },
    release: { ref: 'shipit/production/release' },
    secrets: ['DB_PASSWORD'],
  },
  'every built-in check': {
    checks: [
      { type: 'command', name: 'tests', run: 'npm test', timeout: '10m', severity: 'warning', on: ['deploy'] },
      { type: 'deploy-window', timezone: 'Europe/Paris', days: ['mon', 'fri'], hours: { from: '09:00', to: '17:00' } },
      { type: 'batch-size' },
      { type: 'http', url: 'https://api.example.com/health', json: { path: 'status', equals: 'ok' } },
      { type: 'statuspage', url: 'https://status.example.com', components: ['API'] },
      { type: 'alertmanager', url: 'https://alerts.internal', matchers: 'severity=critical' },
      { type: 'pagerduty', services: ['PXYZ123'] },
      { type: 'ci-status', name: 'ci', on: ['deploy', 'rollback'] },
      { type: 'pull-requests', requireApproval: true },
      { type: 'translations', files: ['locales/*.json'], scope: 'batch' },
    ],
  },
  'a plugin with its own options': { checks: [{ type: './checks/flags.mjs', maxAgeDays: 30 }] },
  'a duration in milliseconds': { deploy: { run: 'x', timeout: 90_000 } },
};

const INVALID: Record<string, unknown> = {
  'a misspelt top-level key': { enviroment: 'staging' },
  'concurrency as a string': { concurrency: '4' },
  'a zero concurrency': { concurrency: 0 },
  'a duration without a unit': { deploy: { run: 'x', timeout: '30 seconds' } },
  'a negative duration': { deploy: { run: 'x', timeout: -5 } },
  'a repository without an owner': { github: { repository: 'shop' } },
  'a base URL that is no URL': { github: { baseUrl: 'not a url' } },
  'a deploy without run': { deploy: { cwd: 'ops' } },
  'rollback.lock as a string': { rollback: { lock: 'yes' } },
  'a secret that is no variable name': { secrets: ['DB PASSWORD'] },
  'a misspelt check type': { checks: [{ type: 'ci-stauts' }] },
  'a command without run': { checks: [{ type: 'command', name: 'tests' }] },
  'an unknown check option': { checks: [{ type: 'command', name: 'tests', run: 'npm test', retries: 3 }] },
  'a wrong severity': { checks: [{ type: 'ci-status', severity: 'error' }] },
  'an empty "on"': { checks: [{ type: 'ci-status', on: [] }] },
  'a check name with spaces': { checks: [{ type: 'ci-status', name: 'my ci' }] },
  'an http URL of another scheme': { checks: [{ type: 'http', url: 'ftp://example.com' }] },
  'a misspelt day': { checks: [{ type: 'deploy-window', days: ['monday'] }] },
  'an entry without a type': { checks: [{ name: 'tests', run: 'npm test' }] },
  'an entry that is a string': { checks: ['ci-status'] },
};

describe('the config JSON Schema agrees with the loader', () => {
  for (const [name, config] of Object.entries(VALID)) {
    it(`accepts ${name}`, async () => {
      expect(await loads(config)).toBe(true);
      expect(schemaErrors(config)).toEqual([]);
    });
  }
  for (const [name, config] of Object.entries(INVALID)) {
    it(`refuses ${name}`, async () => {
      expect(await loads(config)).toBe(false);
      expect(schemaErrors(config).length).toBeGreaterThan(0);
    });
  }
});

describe('the config examples of the repository', () => {
  it("match the schema: shipit's own deploy.config.ts, less its inline check", async () => {
    const { default: config } = await import('../../deploy.config.js');
    const checks = config.checks.filter((entry) => !('run' in entry && typeof entry.run === 'function'));
    expect(checks.length).toBe(2);
    expect(schemaErrors({ ...config, checks })).toEqual([]);
  });

  it('match the schema: the demo config', async () => {
    const { configFile } = await import('../../examples/demo/storefront.js');
    const path = join(dir, 'demo.config.mjs');
    await writeFile(
      path,
      configFile({
        repository: 'acme/storefront',
        statuspageUrl: 'http://127.0.0.1:9/',
        healthUrl: 'http://127.0.0.1:9/health',
      }),
    );
    const { default: config } = await import(pathToFileURL(path).href);
    expect(config.checks.length).toBe(4);
    expect(schemaErrors(config)).toEqual([]);
  });

  it('match the schema: what `shipit init` writes, bare and with everything it can find', async () => {
    const bare: ProjectFacts = { branch: 'main', branchSource: 'default', locales: [], canImportShipit: false };
    const full: ProjectFacts = {
      ...bare,
      github: { repository: 'acme/shop', baseUrl: 'https://ghe.example.com/api/v3' },
      requiredChecks: ['build', 'test (ubuntu)'],
      locales: [{ folder: 'config/locales', files: 'config/locales/**/*.yml', source: 'en', locales: ['en', 'fr'] }],
      deploy: { found: 'Kamal', deploy: 'kamal deploy', rollback: 'kamal rollback', notes: ['check the destination'] },
    };
    for (const [name, facts] of Object.entries({ bare, full })) {
      const path = join(dir, `init-${name}.config.mjs`);
      await writeFile(path, renderConfig(facts, { timezone: 'Europe/Paris' }));
      const { default: config } = await import(pathToFileURL(path).href);
      expect(config.checks.length).toBe(name === 'full' ? 5 : 2);
      expect(schemaErrors(config)).toEqual([]);
    }
  });
});

describe('the published schema', () => {
  it('is the one the build wrote into dist, exported as shipit-gate/schema.json', async () => {
    const path = createRequire(ROOT).resolve('shipit-gate/schema.json');
    expect(path).toBe(join(ROOT.pathname, 'dist/schema.json'));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(await configJsonSchema());
  });

  it('describes durations as users write them, not as milliseconds', async () => {
    expect(schemaErrors({ deploy: { run: 'x', timeout: '2m', killGrace: '500ms' } })).toEqual([]);
    expect(schemaErrors({ deploy: { run: 'x', timeout: 'soon' } }).length).toBeGreaterThan(0);
  });

  it('lets a .shipitrc.json and a .shipitrc.yaml with "$schema" load', async () => {
    const schema = './node_modules/shipit-gate/schema.json';
    for (const [file, text] of [
      ['.shipitrc.json', JSON.stringify({ $schema: schema, environment: 'staging' })],
      ['.shipitrc.yaml', `$schema: ${schema}\nenvironment: staging\n`],
    ] as const) {
      const own = await mkdtemp(join(tmpdir(), 'shipit-rc-'));
      await writeFile(join(own, file), text);
      const loaded = await loadConfig({ cwd: own, repoRoot: own });
      expect(loaded.file).toBe(join(own, file));
      expect(loaded.config.environment).toBe('staging');
      await rm(own, { recursive: true, force: true });
    }
  });
});
