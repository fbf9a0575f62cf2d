import { afterEach, describe, expect, it } from 'vitest';
import { builtinRun, fakeCheckContext } from '../../helpers/check-builders.js';
import { type FakeAnswer, type FakeServer, refusedUrl, startFakeServer } from '../../helpers/fake-services/server.js';
import { type ComponentFixture, type PageFixture, statuspageSummary } from '../../helpers/fake-services/statuspage.js';
import { runGate } from './cli.js';

const ALL_WELL: ComponentFixture[] = [
  { name: 'API', status: 'operational' },
  { name: 'Website', status: 'operational' },
];

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(answer: FakeAnswer) {
  server = await startFakeServer((request) =>
    request.path === '/api/v2/summary.json' ? answer : { status: 404, text: 'not found' },
  );
  return server.url;
}

const servePage = (page: PageFixture) => serve({ json: statuspageSummary(page) });

// Like real pages: the same component name in every region group.
const REGIONS: ComponentFixture[] = [
  { name: 'Europe', status: 'operational', group: true },
  { name: 'API', status: 'operational', in: 'Europe' },
  { name: 'US', status: 'partial_outage', group: true },
  { name: 'API', status: 'major_outage', in: 'US' },
  { name: 'Website', status: 'operational' },
];

describe('statuspage check', () => {
  it('passes when nothing is unresolved and every component is operational', async () => {
    const url = await servePage({ incidents: [], components: ALL_WELL });
    const outcome = await builtinRun('statuspage', { url })(fakeCheckContext());
    expect(outcome).toMatchObject({
      status: 'pass',
      summary: 'no unresolved incident, 2 components operational on https://status.example.com',
    });
  });

  it('fails on an unresolved incident at or above minImpact, naming it with its impact, status and link', async () => {
    const url = await servePage({
      incidents: [{ name: 'Elevated API errors', impact: 'major', status: 'identified' }],
      components: ALL_WELL,
    });
    const outcome = await builtinRun('statuspage', { url, minImpact: 'major' })(fakeCheckContext());
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe('1 unresolved incident on https://status.example.com');
    expect(outcome.details).toEqual([
      'incident "Elevated API errors" (impact major, identified) https://stspg.io/inc0',
    ]);
  });

  it('only warns about an incident below minImpact', async () => {
    const url = await servePage({ incidents: [{ name: 'Slow emails', impact: 'minor' }], components: ALL_WELL });
    const outcome = await builtinRun('statuspage', { url, minImpact: 'major' })(fakeCheckContext());
    expect(outcome.status).toBe('warn');
    expect(outcome.summary).toBe('1 incident below major impact on https://status.example.com');
  });

  it('warns on degraded_performance by default, fails on it when told, and fails on outages', async () => {
    const url = await servePage({
      components: [
        { name: 'API', status: 'degraded_performance' },
        { name: 'Website', status: 'operational' },
      ],
    });
    const lenient = await builtinRun('statuspage', { url })(fakeCheckContext());
    expect(lenient).toMatchObject({ status: 'warn', details: ['component "API": degraded_performance'] });
    const strict = await builtinRun('statuspage', { url, degraded: 'fail' })(fakeCheckContext());
    expect(strict).toMatchObject({ status: 'fail', summary: '1 component down on https://status.example.com' });
  });

  it('watches only the configured components, and fails on one the page does not have', async () => {
    const url = await servePage({
      components: [
        { name: 'API', status: 'operational' },
        { name: 'Billing', status: 'major_outage' },
        { name: 'Maintenance window', status: 'under_maintenance' },
      ],
    });
    expect(await builtinRun('statuspage', { url, components: ['api'] })(fakeCheckContext())).toMatchObject({
      status: 'pass',
    });
    const all = await builtinRun('statuspage', { url })(fakeCheckContext());
    expect(all).toMatchObject({
      status: 'fail',
      summary: '2 components down on https://status.example.com',
      details: ['component "Billing": major_outage', 'component "Maintenance window": under_maintenance'],
    });
    const typo = await builtinRun('statuspage', { url, components: ['APi', 'Bill'] })(fakeCheckContext());
    expect(typo.status).toBe('fail');
    expect(typo.summary).toContain('component "Bill" not found on https://status.example.com');
  });

  it('ignores group components when watching all: their children speak for them', async () => {
    const url = await servePage({
      components: [
        { name: 'Europe', status: 'partial_outage', group: true },
        { name: 'API', status: 'operational' },
      ],
    });
    expect((await builtinRun('statuspage', { url })(fakeCheckContext())).status).toBe('pass');
  });

  it('fails clearly on 401, 500 and a body that is not a status page', async () => {
    let url = await serve({ status: 401, json: { error: 'unauthorized' } });
    let outcome = await builtinRun('statuspage', { url })(fakeCheckContext());
    expect(outcome.summary).toBe(`${url}/api/v2/summary.json answered 401 Unauthorized: {"error":"unauthorized"}`);
    await server?.close();
    url = await serve({ status: 500, text: 'Internal Server Error' });
    outcome = await builtinRun('statuspage', { url })(fakeCheckContext());
    expect(outcome).toEqual({
      status: 'fail',
      summary: `${url}/api/v2/summary.json answered 500 Internal Server Error: Internal Server Error`,
    });
    await server?.close();
    url = await serve({ json: { components: 'nope' } });
    outcome = await builtinRun('statuspage', { url })(fakeCheckContext());
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('is not a Statuspage v2 summary');
  });

  it('fails when the page hangs past the timeout or nothing listens', async () => {
    const url = await serve('hang');
    const hung = await builtinRun('statuspage', { url })(fakeCheckContext({ signal: AbortSignal.timeout(300) }));
    expect(hung.summary).toBe(`cannot reach ${url}/api/v2/summary.json: no answer before the check timed out`);
    const refused = await refusedUrl();
    const down = await builtinRun('statuspage', { url: refused })(fakeCheckContext());
    expect(down).toEqual({
      status: 'fail',
      summary: `cannot reach ${refused}/api/v2/summary.json: connection refused`,
    });
  });

  it('judges every component bearing a duplicated name, and takes Group/Name for one of them, through the CLI', async () => {
    const url = await servePage({ components: REGIONS });
    const gate = await runGate([{ type: 'statuspage', name: 'status', url, components: ['API'] }]);
    expect(gate.exitCode).toBe(1);
    expect(gate.checks[0]).toMatchObject({
      status: 'fail',
      summary: '1 component down on https://status.example.com',
      details: ['component "US/API": major_outage'],
    });
    const europe = await builtinRun('statuspage', { url, components: ['europe / api', 'Website'] })(fakeCheckContext());
    expect(europe).toMatchObject({ status: 'pass', summary: expect.stringContaining('2 components operational') });
    const all = await builtinRun('statuspage', { url })(fakeCheckContext());
    expect(all.details).toEqual(['component "US/API": major_outage']);
    const typo = await builtinRun('statuspage', { url, components: ['Asia/API'] })(fakeCheckContext());
    expect(typo.summary).toBe(
      'component "Asia/API" not found on https://status.example.com (it has: Europe, Europe/API, US, US/API, Website)',
    );
  });

  it('fails on a 200 JSON answer that is not a summary', async () => {
    const answers: [unknown, string][] = [
      [{ error: 'page not found' }, 'no page, status, components, incidents (its keys: error)'],
      [{ status: { indicator: 'none' } }, 'no page, components, incidents (its keys: status)'],
      [[], 'expected an object, got an array'],
      [
        { ...statuspageSummary({}), incidents: [{ name: 'x' }] },
        'incidents[0].status: Invalid input: expected string, received undefined',
      ],
    ];
    for (const [body, why] of answers) {
      const url = await serve({ json: body });
      const outcome = await builtinRun('statuspage', { url })(fakeCheckContext());
      expect(outcome).toEqual({
        status: 'fail',
        summary: `${url}/api/v2/summary.json answered JSON that is not a Statuspage v2 summary: ${why}`,
      });
      await server?.close();
    }
  });

  it('warns during a maintenance in progress even with every component operational; fail and ignore on request', async () => {
    const page = { components: ALL_WELL, maintenances: [{ name: 'Database upgrade', status: 'in_progress' as const }] };
    const url = await servePage(page);
    const lenient = await builtinRun('statuspage', { url })(fakeCheckContext());
    expect(lenient).toMatchObject({
      status: 'warn',
      summary: '1 maintenance in progress on https://status.example.com',
      details: ['maintenance "Database upgrade" (in_progress until 2026-11-26T16:00:00Z) https://stspg.io/mnt0'],
    });
    const strict = await builtinRun('statuspage', { url, maintenance: 'fail' })(fakeCheckContext());
    expect(strict.status).toBe('fail');
    const ignored = await builtinRun('statuspage', { url, maintenance: 'ignore' })(fakeCheckContext());
    expect(ignored).toMatchObject({
      status: 'pass',
      summary:
        'no unresolved incident, 2 components operational on https://status.example.com (maintenance in progress ignored)',
    });
  });

  it('reads maintenance from the indicator alone, and leaves out scheduled, completed and elsewhere ones', async () => {
    let url = await servePage({ components: ALL_WELL, indicator: 'maintenance' });
    expect(await builtinRun('statuspage', { url })(fakeCheckContext())).toMatchObject({
      status: 'warn',
      details: ['page status "maintenance": Service Under Maintenance'],
    });
    await server?.close();
    url = await servePage({
      components: ALL_WELL,
      maintenances: [
        { name: 'Next week', status: 'scheduled' },
        { name: 'Done', status: 'completed' },
        { name: 'Website only', status: 'verifying', components: ['Website'] },
      ],
    });
    expect((await builtinRun('statuspage', { url, components: ['API'] })(fakeCheckContext())).status).toBe('pass');
    expect((await builtinRun('statuspage', { url })(fakeCheckContext())).details).toEqual([
      'maintenance "Website only" (verifying until 2026-11-26T16:00:00Z) https://stspg.io/mnt2',
    ]);
  });

  it('does not count resolved or postmortem incidents', async () => {
    const url = await servePage({
      components: ALL_WELL,
      incidents: [
        { name: 'Fixed', impact: 'critical', status: 'resolved' },
        { name: 'Written up', impact: 'major', status: 'postmortem' },
      ],
    });
    expect((await builtinRun('statuspage', { url })(fakeCheckContext())).status).toBe('pass');
  });

  it('judges an incident against the watched components when it lists components; one listing none is page-wide', async () => {
    const url = await servePage({
      components: REGIONS,
      incidents: [
        { name: 'Website slow', impact: 'major', components: ['Website'] },
        { name: 'US API errors', impact: 'major', components: ['US/API'] },
      ],
    });
    const website = await builtinRun('statuspage', { url, components: ['Europe/API'] })(fakeCheckContext());
    expect(website).toMatchObject({
      status: 'pass',
      summary:
        'no unresolved incident, 1 component operational on https://status.example.com (2 incidents on other components)',
    });
    // Watching a group watches its children: an incident on US/API concerns US.
    const us = await builtinRun('statuspage', { url, components: ['US'] })(fakeCheckContext());
    expect(us.details).toEqual([
      'incident "US API errors" (impact major, investigating) https://stspg.io/inc1',
      'component "US": partial_outage',
    ]);
    await server?.close();

    const pageWide = await servePage({ components: REGIONS, incidents: [{ name: 'Login broken', impact: 'major' }] });
    const scoped = await builtinRun('statuspage', { url: pageWide, components: ['Europe/API'] })(fakeCheckContext());
    expect(scoped).toMatchObject({ status: 'fail', summary: '1 unresolved incident on https://status.example.com' });
  });
});
