import { afterEach, describe, expect, it } from 'vitest';
import { builtinRun, fakeCheckContext } from '../../helpers/check-builders.js';
import {
  type PagerdutyIncidentFixture,
  type PagerdutyOptions,
  pagerdutyIncidents,
} from '../../helpers/fake-services/pagerduty.js';
import { type FakeServer, refusedUrl, startFakeServer } from '../../helpers/fake-services/server.js';
import { runGate } from './cli.js';

const TOKEN = 'u+pd-secret-token-123';
const ENV = { PAGERDUTY_TOKEN: TOKEN };

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function servePagerduty(incidents: PagerdutyIncidentFixture[], options: PagerdutyOptions = {}) {
  server = await startFakeServer(pagerdutyIncidents(TOKEN, incidents, options));
  return server;
}

describe('pagerduty check', () => {
  it('passes when the services have no triggered or acknowledged incident', async () => {
    const { url, requests } = await servePagerduty([
      { number: 1, title: 'Old outage', service: 'PAPI', status: 'resolved' },
      { number: 2, title: 'Other team', service: 'POTHER' },
    ]);
    const outcome = await builtinRun('pagerduty', { services: ['PAPI'], baseUrl: url })(fakeCheckContext({ env: ENV }));
    expect(outcome).toEqual({ status: 'pass', summary: 'no open incident on PAPI' });
    const request = requests[0];
    expect(request?.path).toBe('/incidents');
    expect(request?.query.getAll('statuses[]')).toEqual(['triggered', 'acknowledged']);
    expect(request?.query.getAll('service_ids[]')).toEqual(['PAPI']);
    expect(request?.headers.accept).toBe('application/vnd.pagerduty+json;version=2');
  });

  it('fails naming each open incident with its number, status, urgency, service and link', async () => {
    const { url } = await servePagerduty([
      { number: 41, title: 'Checkout errors', service: 'PAPI', status: 'acknowledged', urgency: 'high' },
      { number: 42, title: 'Queue backlog', service: 'PWORKER', urgency: 'low' },
    ]);
    const outcome = await builtinRun('pagerduty', { services: ['PAPI', 'PWORKER'], baseUrl: url })(
      fakeCheckContext({ env: ENV }),
    );
    expect(outcome).toEqual({
      status: 'fail',
      summary: '2 open incidents on PAPI, PWORKER',
      details: [
        '#41 Checkout errors (acknowledged, high urgency) on Service PAPI https://acme.pagerduty.com/incidents/PINC41',
        '#42 Queue backlog (triggered, low urgency) on Service PWORKER https://acme.pagerduty.com/incidents/PINC42',
      ],
      url: 'https://acme.pagerduty.com/incidents/PINC41',
    });
  });

  it('filters by urgency when configured', async () => {
    const { url, requests } = await servePagerduty([
      { number: 7, title: 'Low noise', service: 'PAPI', urgency: 'low' },
    ]);
    const outcome = await builtinRun('pagerduty', { services: ['PAPI'], urgency: 'high', baseUrl: url })(
      fakeCheckContext({ env: ENV }),
    );
    expect(outcome.status).toBe('pass');
    expect(requests[0]?.query.getAll('urgencies[]')).toEqual(['high']);
  });

  it('follows offset pagination while the API says there is more', async () => {
    const many = Array.from({ length: 230 }, (_, index) => ({
      number: index + 1,
      title: `Alert ${index + 1}`,
      service: 'PAPI',
    }));
    const { url, requests } = await servePagerduty(many);
    const ctx = fakeCheckContext({ env: ENV });
    const outcome = await builtinRun('pagerduty', { services: ['PAPI'], baseUrl: url })(ctx);
    expect(outcome.summary).toBe('230 open incidents on PAPI');
    expect(requests.map((request) => request.query.get('offset'))).toEqual(['0', '100', '200']);
    expect(outcome.details).toHaveLength(21);
    expect(outcome.details?.at(-1)).toBe('… and 210 more');
    expect(ctx.progressMessages).toEqual(['100 open incidents so far', '200 open incidents so far']);
  });

  it('sees an incident acknowledged 45 days ago, which the API hides by default, through the CLI', async () => {
    const { url, requests } = await servePagerduty([
      { number: 9, title: 'Payments degraded', service: 'PAPI', status: 'acknowledged', openedDaysAgo: 45 },
      { number: 8, title: 'Long resolved', service: 'PAPI', status: 'resolved', openedDaysAgo: 200 },
    ]);
    // The fake keeps PagerDuty's 30-day default: asked without date_range, it lists nothing.
    const defaults = await fetch(`${url}/incidents?statuses[]=acknowledged`, {
      headers: { authorization: `Token token=${TOKEN}` },
    });
    expect(((await defaults.json()) as { incidents: unknown[] }).incidents).toEqual([]);

    const gate = await runGate([{ type: 'pagerduty', name: 'on-call', services: ['PAPI'], baseUrl: url }], ENV);
    expect(gate.exitCode).toBe(1);
    expect(gate.checks[0]).toMatchObject({ status: 'fail', summary: '1 open incident on PAPI' });
    expect(gate.checks[0]?.details[0]).toContain('#9 Payments degraded (acknowledged, high urgency)');
    expect(requests.at(-1)?.query.get('date_range')).toBe('all');
    expect(gate.stdout + gate.stderr).not.toContain(TOKEN);
  });

  it('retries a 429 after the Retry-After the API sends, a bounded number of times', async () => {
    const { url, requests } = await servePagerduty([{ number: 5, title: 'Checkout errors', service: 'PAPI' }], {
      rateLimited: { times: 2, retryAfter: '1' },
    });
    const ctx = fakeCheckContext({ env: ENV });
    const started = Date.now();
    const outcome = await builtinRun('pagerduty', { services: ['PAPI'], baseUrl: url })(ctx);
    expect(outcome.summary).toBe('1 open incident on PAPI');
    expect(requests).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(ctx.progressMessages).toEqual([
      'PagerDuty asked to slow down; retrying in 1s',
      'PagerDuty asked to slow down; retrying in 1s',
    ]);
    await server?.close();

    const stuck = await servePagerduty([], { rateLimited: { times: 100, retryAfter: '0' } });
    const gaveUp = await builtinRun('pagerduty', { services: ['PAPI'], baseUrl: stuck.url })(
      fakeCheckContext({ env: ENV }),
    );
    expect(gaveUp).toEqual({
      status: 'fail',
      summary: `${stuck.url}/incidents answered 429 Too Many Requests, still after 3 retries: the token's rate limit is used up (try again in a minute)`,
    });
    expect(stuck.requests).toHaveLength(4);
    await server?.close();

    const patient = await servePagerduty([], { rateLimited: { times: 1, retryAfter: '3600' } });
    const tooLong = await builtinRun('pagerduty', { services: ['PAPI'], baseUrl: patient.url })(
      fakeCheckContext({ env: ENV }),
    );
    expect(tooLong.summary).toContain('answered 429 Too Many Requests, asking to wait 3600s');
    expect(patient.requests).toHaveLength(1);
  });

  it('fails naming the variable when the token is not set, without calling PagerDuty', async () => {
    const { url, requests } = await servePagerduty([]);
    const outcome = await builtinRun('pagerduty', { services: ['PAPI'], baseUrl: url, tokenEnv: 'PD_KEY' })(
      fakeCheckContext({ env: ENV }),
    );
    expect(outcome).toEqual({
      status: 'fail',
      summary: 'PD_KEY is not set: export a PagerDuty REST API key in it (or set tokenEnv)',
    });
    expect(requests).toHaveLength(0);
  });

  it('fails on a rejected token (401) without printing it', async () => {
    const { url, requests } = await servePagerduty([]);
    const outcome = await builtinRun('pagerduty', { services: ['PAPI'], baseUrl: url })(
      fakeCheckContext({ env: { PAGERDUTY_TOKEN: 'wrong-token-value' } }),
    );
    expect(requests[0]?.headers.authorization).toBe('Token token=wrong-token-value');
    expect(outcome).toEqual({
      status: 'fail',
      summary:
        'PagerDuty refused the token in PAGERDUTY_TOKEN (401): check it is a valid REST API key that can read these services',
    });
  });

  it('fails clearly on a 500, a hang and an unreachable API', async () => {
    server = await startFakeServer(() => ({ status: 500, json: { error: { message: 'Internal error', code: 2001 } } }));
    const broken = await builtinRun('pagerduty', { services: ['PAPI'], baseUrl: server.url })(
      fakeCheckContext({ env: ENV }),
    );
    expect(broken.summary).toBe(
      `${server.url}/incidents answered 500 Internal Server Error: {"error":{"message":"Internal error","code":2001}}`,
    );
    await server.close();

    server = await startFakeServer(() => 'hang');
    const hung = await builtinRun('pagerduty', { services: ['PAPI'], baseUrl: server.url })(
      fakeCheckContext({ env: ENV, signal: AbortSignal.timeout(300) }),
    );
    expect(hung.summary).toBe(`cannot reach ${server.url}/incidents: no answer before the check timed out`);

    const refused = await refusedUrl();
    const down = await builtinRun('pagerduty', { services: ['PAPI'], baseUrl: refused })(
      fakeCheckContext({ env: ENV }),
    );
    expect(down).toEqual({ status: 'fail', summary: `cannot reach ${refused}/incidents: connection refused` });
    for (const outcome of [broken, hung, down]) expect(JSON.stringify(outcome)).not.toContain(TOKEN);
  });
});
