import { afterEach, describe, expect, it } from 'vitest';
import { httpCheck } from '../../../src/checks/http.js';
import { builtinRun, fakeCheckContext } from '../../helpers/check-builders.js';
import { type FakeServer, refusedUrl, startFakeServer } from '../../helpers/fake-services/server.js';
import { runGate } from './cli.js';

const TOKEN = 's3cr3t-status-token';
// biome-ignore lint/suspicious/noTemplateCurlyInString: shipit's own `${env:NAME}` syntax, not a JS template
const AUTH_FROM_ENV = 'Bearer ${env:STATUS_TOKEN}';
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('http check', () => {
  it('passes when the status is 2xx and the JSON matches every expectation', async () => {
    server = await startFakeServer(() => ({ json: { status: { indicator: 'none' }, queue: { depth: 3 } } }));
    const run = builtinRun('http', {
      url: `${server.url}/health`,
      json: [
        { path: 'status.indicator', equals: 'none' },
        { path: 'queue.depth', lessThan: 10 },
      ],
    });
    const outcome = await run(fakeCheckContext());
    expect(outcome.status).toBe('pass');
    expect(outcome.summary).toContain('status.indicator, queue.depth as expected');
  });

  it('says what was expected and what came back when the JSON does not match', async () => {
    server = await startFakeServer(() => ({ json: { status: { indicator: 'major' }, items: [{ state: 'down' }] } }));
    const run = builtinRun('http', {
      url: server.url,
      json: [
        { path: 'status.indicator', in: ['none', 'minor'] },
        { path: 'items[0].state', notEquals: 'down' },
      ],
    });
    const outcome = await run(fakeCheckContext());
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe(`GET ${server.url}: expected status.indicator in "none", "minor", got "major"`);
    expect(outcome.details).toEqual([
      'expected status.indicator in "none", "minor", got "major"',
      'expected items[0].state ≠ "down", got "down"',
    ]);
  });

  it('fails on an unexpected status, showing the start of the body', async () => {
    server = await startFakeServer(() => ({ status: 503, text: 'upstream is down' }));
    const outcome = await builtinRun('http', { url: server.url })(fakeCheckContext());
    expect(outcome).toEqual({
      status: 'fail',
      summary: `GET ${server.url}: expected 2xx, got 503 Service Unavailable: upstream is down`,
    });
  });

  it('accepts the listed statuses, and sends the method and a JSON body', async () => {
    server = await startFakeServer(() => ({ status: 409, text: 'already there' }));
    const run = builtinRun('http', {
      url: server.url,
      method: 'POST',
      body: { ref: 'main' },
      expectStatus: [201, 409],
    });
    const outcome = await run(fakeCheckContext());
    expect(outcome.status).toBe('pass');
    expect(server.requests[0]).toMatchObject({ method: 'POST', body: '{"ref":"main"}' });
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('fails clearly when a JSON expectation meets a body that is not JSON', async () => {
    server = await startFakeServer(() => ({
      text: '<html>maintenance</html>',
      headers: { 'content-type': 'text/html' },
    }));
    const outcome = await builtinRun('http', { url: server.url, json: { path: 'ok', equals: true } })(
      fakeCheckContext(),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe(`GET ${server.url}: expected a JSON body, got text/html, "<html>maintenance</html>"`);
  });

  it('follows redirects by default and can be told not to', async () => {
    server = await startFakeServer((request) =>
      request.path === '/old' ? { status: 302, text: '', headers: { location: '/new' } } : { json: { ok: true } },
    );
    const followed = await builtinRun('http', { url: `${server.url}/old`, json: { path: 'ok', equals: true } })(
      fakeCheckContext(),
    );
    expect(followed.status).toBe('pass');
    const kept = await builtinRun('http', { url: `${server.url}/old`, followRedirects: false, expectStatus: 302 })(
      fakeCheckContext(),
    );
    expect(kept.status).toBe('pass');
    expect(server.requests.map((request) => request.path)).toEqual(['/old', '/new', '/old']);
  });

  it('fills header values from the environment and never prints them, even when echoed back', async () => {
    server = await startFakeServer((request) => ({ status: 500, text: `bad auth: ${request.headers.authorization}` }));
    const run = builtinRun('http', { url: server.url, headers: { Authorization: AUTH_FROM_ENV } });
    const outcome = await run(fakeCheckContext({ env: { STATUS_TOKEN: TOKEN } }));
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('bad auth: Bearer ***');
    expect(JSON.stringify(outcome)).not.toContain(TOKEN);
  });

  it('fails naming the variable when a header needs one that is not set', async () => {
    server = await startFakeServer(() => ({ json: {} }));
    const run = builtinRun('http', { url: server.url, headers: { Authorization: AUTH_FROM_ENV } });
    const outcome = await run(fakeCheckContext({ env: {} }));
    expect(outcome).toEqual({
      status: 'fail',
      summary: `header Authorization uses \${env:STATUS_TOKEN}, but STATUS_TOKEN is not set: export it before running shipit`,
    });
    expect(server.requests).toHaveLength(0);
  });

  it('follows a redirect within the origin and reports the URL that answered', async () => {
    server = await startFakeServer((request) =>
      request.path === '/health'
        ? { status: 302, text: '', headers: { location: '/v2/health' } }
        : { json: { ok: true } },
    );
    const outcome = await builtinRun('http', { url: `${server.url}/health`, json: { path: 'ok', equals: true } })(
      fakeCheckContext(),
    );
    expect(outcome).toEqual({
      status: 'pass',
      summary: `GET ${server.url}/health → ${server.url}/v2/health answered 200; ok as expected`,
    });
  });

  it('fails on a redirect to another origin (an SSO login page answers 200) without calling it, through the CLI', async () => {
    const sso = await startFakeServer(() => ({
      text: '<html>Sign in</html>',
      headers: { 'content-type': 'text/html' },
    }));
    try {
      server = await startFakeServer(() => ({
        status: 302,
        text: '',
        headers: { location: `${sso.url}/login?next=%2Fhealth&state=abc123` },
      }));
      const gate = await runGate([{ type: 'http', name: 'health', url: `${server.url}/health` }]);
      expect(gate.exitCode).toBe(1);
      expect(gate.checks[0]).toMatchObject({
        status: 'fail',
        summary: `${server.url}/health redirected (302 to ${sso.url}/login?next=***&state=***) to another origin, not followed: a login page answers 200 too (followRedirects: 'any' follows it)`,
      });
      expect(sso.requests).toHaveLength(0);

      const anywhere = await builtinRun('http', { url: `${server.url}/health`, followRedirects: 'any' })(
        fakeCheckContext(),
      );
      expect(anywhere).toEqual({
        status: 'pass',
        summary: `GET ${server.url}/health → ${sso.url}/login?next=***&state=*** answered 200`,
      });
      const never = await builtinRun('http', { url: `${server.url}/health`, followRedirects: 'never' })(
        fakeCheckContext(),
      );
      expect(never.summary).toBe(`GET ${server.url}/health: expected 2xx, got 302 Found`);
    } finally {
      await sso.close();
    }
  });

  it('does not carry credentials or secret-bearing headers to another origin on a redirect', async () => {
    const elsewhere = await startFakeServer(() => ({ json: { ok: true } }));
    try {
      server = await startFakeServer(() => ({
        status: 307,
        text: '',
        headers: { location: `${elsewhere.url}/landing` },
      }));
      const run = builtinRun('http', {
        url: server.url,
        followRedirects: true,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: shipit's own `${env:NAME}` syntax, not a JS template
        headers: { Authorization: AUTH_FROM_ENV, 'X-Api-Key': '${env:STATUS_TOKEN}', 'X-Team': 'web' },
      });
      expect((await run(fakeCheckContext({ env: { STATUS_TOKEN: TOKEN } }))).status).toBe('pass');
      expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(elsewhere.requests[0]?.path).toBe('/landing');
      expect(elsewhere.requests[0]?.headers.authorization).toBeUndefined();
      expect(elsewhere.requests[0]?.headers['x-api-key']).toBeUndefined();
      expect(elsewhere.requests[0]?.headers['x-team']).toBe('web');
    } finally {
      await elsewhere.close();
    }
  });

  it('turns a POST into a GET without its body on a 303, as browsers do', async () => {
    server = await startFakeServer((request) =>
      request.path === '/jobs' ? { status: 303, text: '', headers: { location: '/jobs/7' } } : { json: { id: 7 } },
    );
    const outcome = await builtinRun('http', { url: `${server.url}/jobs`, method: 'POST', body: { run: true } })(
      fakeCheckContext(),
    );
    expect(outcome.status).toBe('pass');
    expect(server.requests.map((request) => `${request.method} ${request.path} ${request.body}`)).toEqual([
      'POST /jobs {"run":true}',
      'GET /jobs/7 ',
    ]);
  });

  it('fails clearly when the server drops the connection', async () => {
    server = await startFakeServer(() => 'drop');
    const outcome = await builtinRun('http', { url: server.url })(fakeCheckContext());
    expect(outcome).toEqual({
      status: 'fail',
      summary: `cannot reach ${server.url}: the server closed the connection`,
    });
  });

  it('hands the response to an evaluate function from a JS/TS config', async () => {
    server = await startFakeServer(() => ({ json: { pending: 4 } }));
    const run = builtinRun('http', {
      url: server.url,
      evaluate: (response) =>
        (response.json as { pending: number }).pending > 0
          ? { status: 'warn', summary: `${(response.json as { pending: number }).pending} migrations pending` }
          : { status: 'pass', summary: 'no migration pending' },
    });
    expect(await run(fakeCheckContext())).toMatchObject({ status: 'warn', summary: '4 migrations pending' });
  });

  it('turns a throwing or misbehaving evaluate into a fail', async () => {
    server = await startFakeServer(() => ({ json: {} }));
    const throwing = builtinRun('http', {
      url: server.url,
      evaluate: () => {
        throw new Error('no pending field');
      },
    });
    expect(await throwing(fakeCheckContext())).toMatchObject({
      status: 'fail',
      summary: `GET ${server.url}: evaluate() threw: no pending field`,
    });
    const wrong = builtinRun('http', { url: server.url, evaluate: (() => 'ok') as never });
    expect((await wrong(fakeCheckContext())).summary).toContain('evaluate() must return');
  });

  it('fails with "connection refused" when nothing listens', async () => {
    const url = await refusedUrl();
    const outcome = await builtinRun('http', { url })(fakeCheckContext());
    expect(outcome).toEqual({ status: 'fail', summary: `cannot reach ${url}: connection refused` });
  });

  it('gives up on a server that hangs when the check times out', async () => {
    server = await startFakeServer(() => 'hang');
    const started = Date.now();
    const outcome = await builtinRun('http', { url: server.url })(
      fakeCheckContext({ signal: AbortSignal.timeout(300) }),
    );
    expect(outcome).toEqual({
      status: 'fail',
      summary: `cannot reach ${server.url}: no answer before the check timed out`,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says the check was stopped when the user interrupts it', async () => {
    server = await startFakeServer(() => 'hang');
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(new Error('SIGINT')), 100);
    const outcome = await builtinRun('http', { url: server.url })(fakeCheckContext({ signal: interrupt.signal }));
    expect(outcome).toEqual({ status: 'fail', summary: `cannot reach ${server.url}: the check was stopped` });
  });

  it('fails a notEquals on a path the body lacks', async () => {
    server = await startFakeServer(() => ({ json: { status: {} } }));
    const outcome = await builtinRun('http', { url: server.url, json: { path: 'status.state', notEquals: 'down' } })(
      fakeCheckContext(),
    );
    expect(outcome).toEqual({
      status: 'fail',
      summary: `GET ${server.url}: expected status.state ≠ "down", got nothing`,
    });
  });

  it('rejects a config with both json and evaluate, or an expectation without one comparison', () => {
    expect(() => httpCheck.schema.parse({ url: 'https://x.test', json: { path: 'a' } })).toThrow(/exactly one of/);
    expect(() =>
      httpCheck.schema.parse({ url: 'https://x.test', json: { path: 'a', equals: 1 }, evaluate: () => undefined }),
    ).toThrow(/either json or evaluate/);
    expect(() => httpCheck.schema.parse({ url: 'ftp://x.test' })).toThrow(/http:\/\/ or https:\/\//);
    expect(() => httpCheck.schema.parse({ url: 'https://x.test', followRedirects: 'always' })).toThrow();
  });
});
