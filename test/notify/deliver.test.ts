import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeliveryError, deliver } from '../../src/notify/deliver.js';
import type { NotifyMessage } from '../../src/notify/message.js';
import { createNotifier } from '../../src/notify/notifier.js';
import { type FakeAnswer, type FakeServer, refusedUrl, startFakeServer } from '../helpers/fake-services/server.js';

// Real servers on 127.0.0.1: what a receiver that answers 500, hangs, refuses or says 404 does to a delivery.

const servers: FakeServer[] = [];
const serve = async (answer: () => FakeAnswer) => {
  const server = await startFakeServer(answer);
  servers.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const request = (url: string, fields = {}) => ({
  url,
  body: '{"a":1}',
  headers: { 'Content-Type': 'application/json' },
  timeoutMs: 2_000,
  attempts: 3,
  ...fields,
});

describe('deliver', () => {
  it('posts the body once when the receiver answers 2xx', async () => {
    const server = await serve(() => ({ text: 'ok' }));
    await deliver(request(`${server.url}/hook`));
    expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([['POST', '/hook', '{"a":1}']]);
  });

  it('retries a 500 three times in all, then says what the receiver said', async () => {
    const server = await serve(() => ({ status: 500, text: 'upstream down' }));
    await expect(deliver(request(server.url))).rejects.toThrow(
      new DeliveryError('HTTP 500 "upstream down" after 3 attempts'),
    );
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 404: it will not pass on a second try', async () => {
    const server = await serve(() => ({ status: 404, text: 'no_service' }));
    await expect(deliver(request(server.url))).rejects.toThrow(new DeliveryError('HTTP 404 "no_service"'));
    expect(server.requests).toHaveLength(1);
  });

  it('gives up on a receiver that never answers after its timeout', async () => {
    const server = await serve(() => 'hang');
    await expect(deliver(request(server.url, { timeoutMs: 300, attempts: 2 }))).rejects.toThrow(
      'no answer within 300ms after 2 attempts',
    );
    expect(server.requests).toHaveLength(2);
  });

  it('names a refused connection', async () => {
    await expect(deliver(request(await refusedUrl(), { attempts: 1 }))).rejects.toThrow('connection refused');
  });

  it('does not follow a redirect with the signed body', async () => {
    const elsewhere = await serve(() => ({ text: 'ok' }));
    const server = await serve(() => ({ status: 307, text: '', headers: { location: elsewhere.url } }));
    await expect(deliver(request(server.url, { attempts: 1 }))).rejects.toThrow('HTTP 307');
    expect(elsewhere.requests).toHaveLength(0);
  });
});

const message: NotifyMessage = {
  event: 'lock',
  environment: 'production',
  user: 'ana',
  repository: null,
  logUrl: null,
  deploy: null,
  commit: null,
  batch: null,
  excluded: [],
  lock: null,
};

describe('the notifier', () => {
  it('warns once per failing entry, with the URL path and the secret hidden', async () => {
    const server = await serve(() => ({ status: 500, text: 'nope' }));
    const warnings: string[] = [];
    const env = { HOOK: `${server.url}/services/T0/B0/very-secret-token` };
    const notifier = createNotifier([{ type: 'slack', url: `$\{env:HOOK}`, timeout: 1_000 }], {
      env,
      warn: (line) => warnings.push(line),
    });
    notifier.send(message);
    notifier.send({ ...message, event: 'unlock' });
    await notifier.settle();
    expect(warnings).toEqual([
      expect.stringMatching(
        /^slack notification failed \((lock|unlock)\): HTTP 500 "nope" after 3 attempts \(http:\/\/127\.0\.0\.1:\d+\/\*\*\*\)$/,
      ),
    ]);
    expect(server.requests.length).toBeGreaterThanOrEqual(4);
  });

  it('sends only the events an entry lists in `on`', async () => {
    const server = await serve(() => ({ text: 'ok' }));
    const notifier = createNotifier([{ type: 'webhook', url: server.url, on: ['unlock'], timeout: 1_000 }], {
      env: {},
      warn: () => {},
    });
    notifier.send(message);
    notifier.send({ ...message, event: 'unlock' });
    await notifier.settle();
    expect(server.requests.map((r) => r.headers['x-shipit-event'])).toEqual(['unlock']);
  });

  it('warns once when the variable an entry names is not set, and sends nothing', async () => {
    const warnings: string[] = [];
    const notifier = createNotifier([{ type: 'slack', url: `$\{env:NOT_SET_ANYWHERE}`, timeout: 1_000 }], {
      env: {},
      warn: (line) => warnings.push(line),
    });
    notifier.send(message);
    notifier.send(message);
    await notifier.settle();
    expect(warnings).toEqual([
      `slack notification failed (lock): notifications[0].url uses \${env:NOT_SET_ANYWHERE}, but NOT_SET_ANYWHERE is not set: export it before running shipit`,
    ]);
  });

  it('after Ctrl-C, lets a delivery finish within a second, then stops waiting', async () => {
    const [hanging, answering] = await Promise.all([serve(() => 'hang'), serve(() => ({ text: 'ok' }))]);
    const warnings: string[] = [];
    const notifier = createNotifier(
      [
        { type: 'webhook', url: hanging.url, timeout: 60_000 },
        { type: 'webhook', url: answering.url, timeout: 60_000 },
      ],
      { env: {}, warn: (line) => warnings.push(line) },
    );
    const controller = new AbortController();
    controller.abort();
    notifier.send({ ...message, event: 'failure' });
    await notifier.settle(controller.signal);
    expect(answering.requests).toHaveLength(1);
    expect(hanging.requests).toHaveLength(1);
    await vi.waitFor(() =>
      expect(warnings).toEqual([
        expect.stringMatching(/^webhook notification failed \(failure\): stopped unanswered: shipit is exiting \(/),
      ]),
    );
  });
});
