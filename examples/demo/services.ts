import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { statuspageSummary } from '../../test/helpers/fake-services/statuspage.js';
import { startGitHubServer } from '../../test/helpers/github-server/index.js';

export type { GitHubServer } from '../../test/helpers/github-server/index.js';

/** The project's fake GitHub API on 127.0.0.1: CI results per commit, and the Deployments API. */
export const startFakeGitHub = startGitHubServer;

/** A stand-in for the team's status page: Statuspage's API v2 summary, all operational. */
export function startStatusPage(): Promise<LocalService> {
  const summary = JSON.stringify(
    statuspageSummary({
      components: [
        { name: 'Storefront', status: 'operational' },
        { name: 'Checkout API', status: 'operational' },
      ],
    }),
  );
  return listen((request, response) => {
    const found = request.url === '/api/v2/summary.json';
    response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    response.end(found ? summary : '{"error":"not found"}');
  });
}

interface LocalService {
  url: string;
  close(): Promise<void>;
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<LocalService> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The storefront's health endpoint: 500 while the release in `current` ships a feature that breaks checkout. */
export function startStorefrontHealth(current: string, breaksCheckout: string): Promise<LocalService> {
  return listen((_request, response) => {
    const broken = existsSync(join(current, breaksCheckout));
    response.writeHead(broken ? 500 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: broken ? 'checkout failing' : 'ok' }));
  });
}

/** A stand-in for a Slack incoming webhook: keeps each message's text fallback, in order. */
export async function startSlackReceiver(): Promise<LocalService & { messages: string[] }> {
  const messages: string[] = [];
  const service = await listen((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      messages.push(String((JSON.parse(body) as { text?: unknown }).text ?? ''));
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('ok');
    });
  });
  return { ...service, messages };
}
