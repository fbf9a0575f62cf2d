import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';

// A real Prometheus Alertmanager (Debian package `prometheus-alertmanager`) on
// 127.0.0.1 at a free port, with its own config and storage in a temp folder.

export const ALERTMANAGER_BIN = process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';

const CONFIG = `
route:
  receiver: blackhole
  group_wait: 1h
receivers:
  - name: blackhole
inhibit_rules:
  - source_matchers: [alertname="DatacenterDown"]
    target_matchers: [severity="critical"]
    equal: [env]
`;

export interface AlertInput {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
}

export interface Alertmanager {
  url: string;
  postAlerts(alerts: AlertInput[]): Promise<void>;
  /** Silences alerts matching `name=value` pairs for an hour; returns the silence id. */
  silence(labels: Record<string, string>): Promise<string>;
  /** Names of the alerts the API reports active and neither silenced nor inhibited. */
  activeAlertNames(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function isAlertmanagerInstalled(): Promise<boolean> {
  return access(ALERTMANAGER_BIN).then(
    () => true,
    () => false,
  );
}

export async function startAlertmanager(): Promise<Alertmanager> {
  const dir = await mkdtemp(join(tmpdir(), 'shipit-alertmanager-'));
  await writeFile(join(dir, 'alertmanager.yml'), CONFIG);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ResultPromise = execa(
    ALERTMANAGER_BIN,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { reject: false, all: true },
  );
  const stop = async () => {
    child.kill('SIGTERM');
    await child;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, child);
  } catch (error) {
    await stop();
    throw error;
  }
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    // POST /api/v2/alerts answers 200 with an empty body; /api/v2/silences answers JSON.
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  return {
    url,
    postAlerts: async (alerts) => {
      await post('/api/v2/alerts', alerts);
    },
    silence: async (labels) => {
      const now = Date.now();
      const created = (await post('/api/v2/silences', {
        matchers: Object.entries(labels).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true })),
        startsAt: new Date(now - 1000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
        createdBy: 'shipit tests',
        comment: 'silenced by a test',
      })) as { silenceID: string };
      return created.silenceID;
    },
    activeAlertNames: async () => {
      const response = await fetch(`${url}/api/v2/alerts?active=true&silenced=false&inhibited=false`);
      const alerts = (await response.json()) as { labels: Record<string, string> }[];
      return alerts.map((alert) => alert.labels.alertname ?? '').sort();
    },
    stop,
  };
}

async function waitUntilReady(url: string, child: ResultPromise): Promise<void> {
  const deadline = Date.now() + 20_000;
  let exited = false;
  child.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`alertmanager exited before it was ready:\n${(await child).all}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`alertmanager at ${url} was not ready within 20s`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
