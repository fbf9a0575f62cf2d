import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanagerCheck } from '../../../src/checks/alertmanager.js';
import {
  ALERTMANAGER_BIN,
  type Alertmanager,
  isAlertmanagerInstalled,
  startAlertmanager,
} from '../../helpers/alertmanager.js';
import { builtinRun, fakeCheckContext } from '../../helpers/check-builders.js';
import { refusedUrl } from '../../helpers/fake-services/server.js';
import { runGate } from './cli.js';

const installed = await isAlertmanagerInstalled();
const inCi = Boolean(process.env.CI);
if (!installed && !inCi) {
  console.warn(
    `\n!!! SKIPPING the Alertmanager tests: ${ALERTMANAGER_BIN} is not installed.\n` +
      '!!! Install it with: sudo apt-get install -y prometheus-alertmanager (or set ALERTMANAGER_BIN)\n',
  );
}

// Each test uses its own `env` label value, so alerts of one test never match another's matchers.
describe.skipIf(!installed && !inCi)('alertmanager check against a real Alertmanager', () => {
  let alertmanager: Alertmanager;
  beforeAll(async () => {
    if (!installed) throw new Error(`${ALERTMANAGER_BIN} is missing: CI must install prometheus-alertmanager`);
    alertmanager = await startAlertmanager();
  });
  afterAll(async () => {
    await alertmanager?.stop();
  });

  const check = (matchers: string[]) =>
    builtinRun('alertmanager', { url: alertmanager.url, matchers })(fakeCheckContext());

  it('fails while a matching alert fires, naming it with its summary annotation', async () => {
    await alertmanager.postAlerts([
      {
        labels: { alertname: 'HighErrorRate', severity: 'critical', env: 'firing', instance: 'web-1' },
        annotations: { summary: 'Error rate above 5% on checkout' },
      },
      { labels: { alertname: 'DiskAlmostFull', severity: 'warning', env: 'firing' } },
    ]);
    const outcome = await check(['severity=critical', 'env=firing']);
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe('1 alert firing matching severity=critical, env=firing: HighErrorRate');
    expect(outcome.details).toHaveLength(1);
    expect(outcome.details?.[0]).toMatch(
      /^HighErrorRate \[env=firing severity=critical\]: Error rate above 5% on checkout since \d{4}-\d\d-\d\dT/,
    );
    expect(outcome.url).toBe(
      `${alertmanager.url}/#/alerts?silenced=false&inhibited=false&active=true&filter=%7Bseverity%3D%22critical%22%2Cenv%3D%22firing%22%7D`,
    );
  });

  it('passes when no firing alert matches the matchers', async () => {
    await alertmanager.postAlerts([{ labels: { alertname: 'CpuHigh', severity: 'warning', env: 'quiet' } }]);
    expect(await check(['severity=critical', 'env=quiet'])).toMatchObject({
      status: 'pass',
      summary: 'no alert firing matching severity=critical, env=quiet',
    });
  });

  it('supports !=, =~ and !~ the way Alertmanager does', async () => {
    await alertmanager.postAlerts([
      { labels: { alertname: 'ApiDown', team: 'api', env: 'regex' } },
      { labels: { alertname: 'WebSlow', team: 'web', env: 'regex' } },
      { labels: { alertname: 'BatchLate', team: 'batch', env: 'regex' } },
    ]);
    expect((await check(['env=regex', 'team=~"web|api"'])).summary).toBe(
      '2 alerts firing matching env=regex, team=~"web|api": ApiDown, WebSlow',
    );
    expect((await check(['env=regex', 'team!~b.*', 'alertname!=ApiDown'])).summary).toBe(
      '1 alert firing matching env=regex, team!~b.*, alertname!=ApiDown: WebSlow',
    );
  });

  it("reads a comma list, as shipit's own UI link writes it, through the CLI", async () => {
    await alertmanager.postAlerts([
      { labels: { alertname: 'CheckoutDown', severity: 'critical', scenario: 'active', env: 'comma' } },
      { labels: { alertname: 'OtherScenario', severity: 'critical', scenario: 'drill', env: 'comma' } },
    ]);
    const gate = await runGate([
      { type: 'alertmanager', name: 'alerts', url: alertmanager.url, matchers: 'severity=critical,scenario=active' },
    ]);
    expect(gate.exitCode).toBe(1);
    expect(gate.checks[0]).toMatchObject({
      status: 'fail',
      summary: '1 alert firing matching severity=critical, scenario=active: CheckoutDown',
    });
    expect((await check(['{env="comma", scenario=~"act.*|drill"}'])).summary).toBe(
      '2 alerts firing matching env="comma", scenario=~"act.*|drill": CheckoutDown, OtherScenario',
    );
  });

  it('keeps commas, quotes and regex escapes inside quoted values', async () => {
    await alertmanager.postAlerts([
      { labels: { alertname: 'Quoted', env: 'quoted', summary: 'disk full, "again"', host: 'db.1' } },
      { labels: { alertname: 'Dotless', env: 'quoted', host: 'dbx1' } },
    ]);
    expect((await check(['env=quoted,summary="disk full, \\"again\\""'])).summary).toBe(
      '1 alert firing matching env=quoted, summary="disk full, \\"again\\"": Quoted',
    );
    expect((await check(['env=quoted', 'host=~"db\\\\.1"'])).summary).toBe(
      '1 alert firing matching env=quoted, host=~"db\\\\.1": Quoted',
    );
    expect((await check(['env=quoted', 'host=~db\\.1'])).summary).toBe(
      '1 alert firing matching env=quoted, host=~db\\.1: Quoted',
    );
  });

  it('does not count a silenced alert', async () => {
    await alertmanager.postAlerts([
      { labels: { alertname: 'Flapping', severity: 'critical', env: 'silenced' } },
      { labels: { alertname: 'RealProblem', severity: 'critical', env: 'silenced' } },
    ]);
    await alertmanager.silence({ alertname: 'Flapping', env: 'silenced' });
    expect((await check(['env=silenced'])).summary).toBe('1 alert firing matching env=silenced: RealProblem');
    await alertmanager.silence({ alertname: 'RealProblem', env: 'silenced' });
    expect((await check(['env=silenced'])).status).toBe('pass');
  });

  it('does not count a resolved alert (endsAt in the past)', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    await alertmanager.postAlerts([
      {
        labels: { alertname: 'WasBroken', severity: 'critical', env: 'resolved' },
        startsAt: new Date(Date.now() - 7_200_000).toISOString(),
        endsAt: hourAgo,
      },
      { labels: { alertname: 'StillBroken', severity: 'critical', env: 'resolved' } },
    ]);
    expect((await check(['env=resolved'])).summary).toBe('1 alert firing matching env=resolved: StillBroken');
  });

  it('does not count an inhibited alert', async () => {
    await alertmanager.postAlerts([
      { labels: { alertname: 'DatacenterDown', env: 'inhibited' } },
      { labels: { alertname: 'ServiceDown', severity: 'critical', env: 'inhibited' } },
    ]);
    // The inhibitor learns of new alerts asynchronously: wait until the API agrees.
    await expect.poll(() => alertmanager.activeAlertNames(), { timeout: 10_000 }).not.toContain('ServiceDown');
    expect(await check(['env=inhibited', 'severity=critical'])).toMatchObject({ status: 'pass' });
    const everything = await fetch(`${alertmanager.url}/api/v2/alerts?filter=env="inhibited"`);
    const states = ((await everything.json()) as { labels: { alertname: string }; status: { inhibitedBy: string[] } }[])
      .map((alert) => `${alert.labels.alertname}:${alert.status.inhibitedBy.length > 0 ? 'inhibited' : 'active'}`)
      .sort();
    expect(states).toEqual(['DatacenterDown:active', 'ServiceDown:inhibited']);
  });

  it('fails clearly when Alertmanager cannot be reached', async () => {
    const url = await refusedUrl();
    const outcome = await builtinRun('alertmanager', { url, matchers: [] })(fakeCheckContext());
    expect(outcome).toEqual({
      status: 'fail',
      summary: `cannot reach ${url}/api/v2/alerts?active=true&silenced=false&inhibited=false: connection refused`,
    });
  });
});

describe.skipIf(!installed && !inCi)('alertmanager check and the always-firing alerts', () => {
  let alertmanager: Alertmanager;
  beforeAll(async () => {
    alertmanager = await startAlertmanager();
    await alertmanager.postAlerts([
      { labels: { alertname: 'Watchdog', severity: 'none' } },
      { labels: { alertname: 'InfoInhibitor', severity: 'none' } },
    ]);
  });
  afterAll(async () => {
    await alertmanager?.stop();
  });

  it('ignores Watchdog and InfoInhibitor by default, saying so, and counts them when told', async () => {
    const quiet = await builtinRun('alertmanager', { url: alertmanager.url })(fakeCheckContext());
    expect(quiet).toMatchObject({ status: 'pass', summary: 'no alert firing (ignored: InfoInhibitor, Watchdog)' });
    const strict = await builtinRun('alertmanager', { url: alertmanager.url, ignoreAlerts: [] })(fakeCheckContext());
    expect(strict).toMatchObject({ status: 'fail', summary: '2 alerts firing: InfoInhibitor, Watchdog' });

    await alertmanager.postAlerts([{ labels: { alertname: 'ApiDown', severity: 'critical' } }]);
    const real = await builtinRun('alertmanager', { url: alertmanager.url })(fakeCheckContext());
    expect(real).toMatchObject({
      status: 'fail',
      summary: '1 alert firing: ApiDown (ignored: InfoInhibitor, Watchdog)',
      details: [expect.stringMatching(/^ApiDown \[severity=critical\]/)],
    });
  });
});

describe('alertmanager check config', () => {
  it('refuses a matcher it cannot parse at config load: exit 2, one line naming the check and the matcher', async () => {
    const gate = await runGate([
      { type: 'alertmanager', name: 'alerts', url: 'http://127.0.0.1:9', matchers: ['env=prod', 'severity critical'] },
    ]);
    expect(gate.exitCode).toBe(2);
    const lines = JSON.parse(gate.stdout).error.message.split('\n');
    expect(lines).toEqual([
      'deploy.config.json: checks[0].matchers[1]: check "alerts": cannot parse the matcher "severity critical": ' +
        'expected an operator (=, !=, =~ or !~), found "critical" at column 10 ' +
        '(Alertmanager\'s syntax: severity=critical, env!=staging, team=~"web|api", {a="b",c="d"})',
    ]);
  });

  it('refuses an empty matcher and an invalid regex', () => {
    expect(() => alertmanagerCheck.schema.parse({ url: 'http://127.0.0.1:9093', matchers: [' '] })).toThrow(
      /a matcher cannot be empty/,
    );
    expect(() => alertmanagerCheck.schema.parse({ url: 'http://127.0.0.1:9093', matchers: 'job=~"("' })).toThrow(
      /invalid regular expression/,
    );
  });
});
