import { access, mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALERTMANAGER_BIN,
  type Alertmanager,
  isAlertmanagerInstalled,
  startAlertmanager,
} from '../helpers/alertmanager.js';
import { pagerdutyIncidents } from '../helpers/fake-services/pagerduty.js';
import { type FakeServer, startFakeServer } from '../helpers/fake-services/server.js';
import { statuspageSummary } from '../helpers/fake-services/statuspage.js';
import { type GitHubServer, startGitHubServer } from '../helpers/github-server/index.js';
import { probeBundleImports } from '../helpers/packed-probe.js';
import { installPackedProject, NODE_VERSIONS, type PackedProject } from '../helpers/packed-project.js';
import { createPackedWorld, type PackedWorld } from '../helpers/packed-world.js';
import { RAILS_LOCALES } from './fixtures.js';

// The package as users run it: packed, installed into a project that is not this repository,
// driven through `npx shipit` on every Node version `engines` promises. Every lazily loaded
// part of the bundle (octokit, ora, execa, yaml, esbuild, chalk, cosmiconfig) is used here.

const alertmanagerInstalled = await isAlertmanagerInstalled();
if (!alertmanagerInstalled && !process.env.CI) {
  console.warn(`\n!!! The packed tests leave out the alertmanager check: ${ALERTMANAGER_BIN} is not installed.\n`);
}

const PAGERDUTY_TOKEN = 'pd-token-packed-0123456789';
let project: PackedProject;
let github: GitHubServer;
let statuspage: FakeServer;
let pagerduty: FakeServer;
let alertmanager: Alertmanager | undefined;

beforeAll(async () => {
  [project, github, statuspage, pagerduty] = await Promise.all([
    installPackedProject(),
    startGitHubServer(),
    startFakeServer(() => ({
      json: statuspageSummary({
        components: [
          { name: 'API', status: 'operational' },
          { name: 'Checkout', status: 'degraded_performance' },
        ],
      }),
    })),
    startFakeServer(
      pagerdutyIncidents(PAGERDUTY_TOKEN, [{ number: 42, title: 'Checkout latency', service: 'PABC123' }]),
    ),
  ]);
  if (alertmanagerInstalled || process.env.CI) {
    alertmanager = await startAlertmanager();
    await alertmanager.postAlerts([
      {
        labels: { alertname: 'HighErrorRate', severity: 'critical', env: 'production' },
        annotations: { summary: 'Errors above 5%' },
      },
    ]);
  }
}, 180_000);

afterAll(async () => {
  await Promise.all([
    project?.cleanup(),
    github?.close(),
    statuspage?.close(),
    pagerduty?.close(),
    alertmanager?.stop(),
  ]);
});

/** Every built-in check kind, in a YAML config (cosmiconfig's YAML loader, bundled). */
function everyKindConfig(): string {
  const lines = [
    'github:',
    `  baseUrl: ${github.url}`,
    '  repository: acme/app',
    'checks:',
    '  - { type: command, name: command, run: "node -e \\"process.exit(0)\\"" }',
    '  - { type: deploy-window, name: window, timezone: Europe/Paris, hours: { from: "09:00", to: "18:00" } }',
    '  - { type: batch-size, name: batch, commits: { warn: 5, fail: 10 } }',
    '  - { type: ci-status, name: ci, required: [build] }',
    '  - { type: pull-requests, name: prs, blockLabels: [do-not-deploy] }',
    '  - { type: translations, name: i18n, files: "config/locales/**/*.yml" }',
    `  - { type: http, name: health, url: "${statuspage.url}/api/v2/summary.json", json: { path: status.indicator, equals: none } }`,
    `  - { type: statuspage, name: status, url: "${statuspage.url}" }`,
    `  - { type: pagerduty, name: on-call, services: [PABC123], baseUrl: "${pagerduty.url}" }`,
  ];
  if (alertmanager)
    lines.push(`  - { type: alertmanager, name: alerts, url: "${alertmanager.url}", matchers: [env=production] }`);
  return `${lines.join('\n')}\n`;
}

// Each test starts several npm and node processes (npx alone costs npm's start-up): more room than the default.
describe.each(NODE_VERSIONS)('the installed package on Node $major', { timeout: 90_000 }, ({ major, bin }) => {
  let world: PackedWorld;
  let head: string;
  const githubEnv = () => ({ GITHUB_TOKEN: github.token, PAGERDUTY_TOKEN });
  /** Removes every config file, then writes `name` (when given): one config at a time. */
  const useConfig = async (name?: string, text = '') => {
    for (const file of await readdir(world.repo.dir)) {
      if (/^deploy\.config\./.test(file)) await unlink(join(world.repo.dir, file));
    }
    if (name) await writeFile(join(world.repo.dir, name), text);
  };

  beforeAll(async () => {
    await access(bin).catch(() => {
      throw new Error(`${bin} is missing: run \`node test/packed/runtimes/install.mjs\` (npm test does)`);
    });
    world = await createPackedWorld(project, bin);
    head = await world.commitAndPush('feat: translations', RAILS_LOCALES);
    github.setCommit(head, { checkRuns: [{ name: 'build', conclusion: 'success' }], pullRequests: [major] });
    github.setPullRequest({ number: major, title: 'Translations', author: 'dev1', labels: ['do-not-deploy'] });
  }, 60_000);
  afterAll(() => world?.cleanup());

  it('drives every built-in check kind through `npx shipit check --json`', async () => {
    await useConfig('deploy.config.yml', everyKindConfig());
    const result = await world.npxShipit(['check', '--json'], { ...githubEnv(), SHIPIT_NOW: '2026-11-25T15:00:00Z' });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    const byName = Object.fromEntries(report.checks.map((check: { name: string }) => [check.name, check]));
    expect(byName.command).toMatchObject({ status: 'pass', summary: '`node -e "process.exit(0)"` exited 0' });
    expect(byName.window.status).toBe('pass');
    expect(byName.batch.status).toBe('pass');
    expect(byName.ci).toMatchObject({ status: 'pass' });
    expect(byName.prs.status).toBe('fail');
    expect(byName.prs.details.join('\n')).toContain(`#${major}`);
    expect(byName.health.status).toBe('pass');
    expect(byName.status).toMatchObject({ status: 'warn' });
    expect(byName.status.details.join('\n')).toContain('Checkout');
    expect(byName['on-call'].status).toBe('fail');
    expect(byName['on-call'].details.join('\n')).toContain('#42 Checkout latency');
    if (alertmanager) {
      expect(byName.alerts.status).toBe('fail');
      expect(byName.alerts.details.join('\n')).toContain('HighErrorRate');
    }
    expect(result.stdout).not.toContain(github.token);
    expect(result.stdout).not.toContain(PAGERDUTY_TOKEN);
    // Last, so that the other kinds are checked too: the regression test for 0.1.0, whose bundled
    // CLI could not load its YAML parser for anchors, flow mappings and block scalars.
    expect(byName.i18n).toMatchObject({
      status: 'fail',
      summary: 'pl misses 3 keys',
      details: ['pl: 3 missing', '  missing: forms.submit, nav.account, cart.items.few'],
    });
  });

  it('writes a TypeScript config with `shipit init`, and loads TypeScript through the esbuild hooks', async () => {
    await useConfig();
    // The README's first steps: `npx shipit init`, then `npx shipit check`.
    const init = await world.npxShipit(['init']);
    expect(init.exitCode, init.stderr).toBe(0);
    const generated = await world.npxShipit(['check', '--json']);
    expect(generated.stderr).toBe('');
    expect(JSON.parse(generated.stdout).checks.map((check: { name: string }) => check.name)).toContain('batch-size');

    await mkdir(join(world.repo.dir, 'checks'), { recursive: true });
    await writeFile(
      join(world.repo.dir, 'checks', 'flags.ts'),
      `import { defineCheck } from 'shipit-gate';
export default (options: { label: string }) => defineCheck({ run: () => ({ status: 'pass', summary: options.label }) });
`,
    );
    await useConfig(
      'deploy.config.ts',
      `import { defineConfig } from 'shipit-gate';
interface Answer { status: 'pass'; summary: string }
const answer = (summary: string): Answer => ({ status: 'pass', summary });
export default defineConfig({ checks: [
  { name: 'typed', run: () => answer(process.version) },
  { type: './checks/flags.ts', name: 'plugin', label: 'a TypeScript plugin' },
] });
`,
    );
    const result = await world.shipit(['check', '--json']);
    expect(result.stderr).toBe('');
    // It ran on this world's Node: the version the binary reports.
    const version = (await execa(bin, ['--version'])).stdout;
    expect(version).toMatch(new RegExp(`^v${major}\\.`));
    expect(JSON.parse(result.stdout).checks).toMatchObject([
      { name: 'typed', status: 'pass', summary: version },
      { name: 'plugin', status: 'pass', summary: 'a TypeScript plugin' },
    ]);
    // esbuild compiled it (not a cached copy from another run): its output is in this world's cache.
    expect(await readdir(join(world.root, 'cache', 'shipit', 'ts'))).not.toEqual([]);
  });

  it('deploys through a tiny deploy script, mirrored to GitHub, and reads it back in history', async () => {
    await useConfig(
      'deploy.config.json',
      JSON.stringify({
        github: { baseUrl: github.url, repository: 'acme/app' },
        checks: [{ type: 'command', name: 'ok', run: 'true' }],
        deploy: { run: 'echo "$SHIPIT_SHA" > deployed.txt && echo "deploying $SHIPIT_SHA"' },
      }),
    );
    const result = await world.shipit(['deploy', '--yes'], githubEnv());
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toContain(`deploying ${head}`);
    const mirrored = github.deployments.filter((deployment) => deployment.sha === head);
    expect(mirrored.at(-1)?.statuses.map((status) => status.state)).toEqual(['in_progress', 'success']);
    const history = await world.shipit(['history', '--json']);
    expect(JSON.stringify(JSON.parse(history.stdout))).toContain(head);
  });

  it('answers status (pull requests from GitHub), checks, lock and unlock', async () => {
    const next = await world.commitAndPush('feat: next', { 'next.txt': 'next\n' });
    github.setCommit(next, { pullRequests: [4200 + major] });
    github.setPullRequest({ number: 4200 + major, title: 'Next thing', author: 'dev2' });
    const status = await world.shipit(['status', '--json'], githubEnv());
    expect(status.exitCode, status.stderr).toBe(0);
    const report = JSON.parse(status.stdout);
    expect(report.live.sha).toBe(head);
    expect(report.batch.commits).toMatchObject([{ sha: next, pullRequests: [4200 + major] }]);
    const checks = await world.shipit(['checks', '--json']);
    expect(JSON.parse(checks.stdout)).toMatchObject([{ name: 'ok', kind: expect.stringMatching(/^command/) }]);
    expect((await world.shipit(['lock', '--reason', 'db migration'])).exitCode).toBe(0);
    expect((await world.shipit(['deploy', '--yes'])).exitCode).toBe(4);
    expect((await world.shipit(['unlock'])).exitCode).toBe(0);
  });

  it('draws its spinner and colors on a terminal (ora and chalk)', async () => {
    await useConfig(
      'deploy.config.mjs',
      `export default { checks: [{ name: 'slow', async run() {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return { status: 'pass', summary: 'done' };
} }] };\n`,
    );
    const result = await world.shipitOnTerminal(['check'], { NO_COLOR: undefined });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toContain('Running 1: slow');
    expect(result.stdout).toMatch(/\u001b\[32m/);
  });

  it('loads every chunk of the bundle, and finds every package the bundle imports at run time', async () => {
    const probe = await probeBundleImports(world.repo.dir, bin);
    expect(probe.failedChunks).toEqual({});
    expect(probe.chunks).toBeGreaterThan(10);
    // cosmiconfig's own TypeScript loader asks for `typescript`; shipit replaces that loader with esbuild hooks.
    expect(probe.unresolved.filter((name) => name !== 'typescript')).toEqual([]);
    expect(probe.resolved).toContain('esbuild');
  });
});
