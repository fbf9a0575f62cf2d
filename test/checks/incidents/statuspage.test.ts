import { afterEach, describe, expect, it } from 'vitest';
import { statuspageCheck } from '../../../src/checks/statuspage.js';
import { type FakeAnswer, type FakeServer, refusedUrl, startFakeServer } from '../../helpers/fake-services/server.js';
import {
  type ComponentFixture,
  type IncidentFixture,
  statuspageSummary,
} from '../../helpers/fake-services/statuspage.js';
import { buildCheck, incidentContext } from './context.js';

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

const servePage = (page: { incidents?: IncidentFixture[]; components?: ComponentFixture[] }) =>
  serve({ json: statuspageSummary(page) });

describe('statuspage check', () => {
  it('passes when nothing is unresolved and every component is operational', async () => {
    const url = await servePage({ incidents: [], components: ALL_WELL });
    const outcome = await buildCheck(statuspageCheck, { url })(incidentContext());
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
    const outcome = await buildCheck(statuspageCheck, { url, minImpact: 'major' })(incidentContext());
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe('1 unresolved incident on https://status.example.com');
    expect(outcome.details).toEqual([
      'incident "Elevated API errors" (impact major, identified) https://stspg.io/inc0',
    ]);
  });

  it('only warns about an incident below minImpact', async () => {
    const url = await servePage({ incidents: [{ name: 'Slow emails', impact: 'minor' }], components: ALL_WELL });
    const outcome = await buildCheck(statuspageCheck, { url, minImpact: 'major' })(incidentContext());
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
    const lenient = await buildCheck(statuspageCheck, { url })(incidentContext());
    expect(lenient).toMatchObject({ status: 'warn', details: ['component "API": degraded_performance'] });
    const strict = await buildCheck(statuspageCheck, { url, degraded: 'fail' })(incidentContext());
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
    expect(await buildCheck(statuspageCheck, { url, components: ['api'] })(incidentContext())).toMatchObject({
      status: 'pass',
    });
    const all = await buildCheck(statuspageCheck, { url })(incidentContext());
    expect(all).toMatchObject({
      status: 'fail',
      summary: '2 components down on https://status.example.com',
      details: ['component "Billing": major_outage', 'component "Maintenance window": under_maintenance'],
    });
    const typo = await buildCheck(statuspageCheck, { url, components: ['APi', 'Bill'] })(incidentContext());
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
    expect((await buildCheck(statuspageCheck, { url })(incidentContext())).status).toBe('pass');
  });

  it('fails clearly on 401, 500 and a body that is not a status page', async () => {
    let url = await serve({ status: 401, json: { error: 'unauthorized' } });
    let outcome = await buildCheck(statuspageCheck, { url })(incidentContext());
    expect(outcome.summary).toBe(`${url}/api/v2/summary.json answered 401 Unauthorized: {"error":"unauthorized"}`);
    await server?.close();
    url = await serve({ status: 500, text: 'Internal Server Error' });
    outcome = await buildCheck(statuspageCheck, { url })(incidentContext());
    expect(outcome).toEqual({
      status: 'fail',
      summary: `${url}/api/v2/summary.json answered 500 Internal Server Error: Internal Server Error`,
    });
    await server?.close();
    url = await serve({ json: { components: 'nope' } });
    outcome = await buildCheck(statuspageCheck, { url })(incidentContext());
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('is not a Statuspage v2 summary');
  });

  it('fails when the page hangs past the timeout or nothing listens', async () => {
    const url = await serve('hang');
    const hung = await buildCheck(statuspageCheck, { url })(incidentContext({ signal: AbortSignal.timeout(300) }));
    expect(hung.summary).toBe(`cannot reach ${url}/api/v2/summary.json: no answer before the check timed out`);
    const refused = await refusedUrl();
    const down = await buildCheck(statuspageCheck, { url: refused })(incidentContext());
    expect(down).toEqual({
      status: 'fail',
      summary: `cannot reach ${refused}/api/v2/summary.json: connection refused`,
    });
  });
});
