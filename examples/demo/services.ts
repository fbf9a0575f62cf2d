import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { statuspageSummary } from '../../test/helpers/fake-services/statuspage.js';
import { startGitHubServer } from '../../test/helpers/github-server/index.js';

export type { GitHubServer } from '../../test/helpers/github-server/index.js';

/** The project's fake GitHub API on 127.0.0.1: CI results per commit, and the Deployments API. */
export const startFakeGitHub = startGitHubServer;

/** A stand-in for the team's status page: Statuspage's API v2 summary, all operational. */
export async function startStatusPage(): Promise<{ url: string; close(): Promise<void> }> {
  const summary = JSON.stringify(
    statuspageSummary({
      components: [
        { name: 'Storefront', status: 'operational' },
        { name: 'Checkout API', status: 'operational' },
      ],
    }),
  );
  const server = createServer((request, response) => {
    const found = request.url === '/api/v2/summary.json';
    response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    response.end(found ? summary : '{"error":"not found"}');
  });
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
