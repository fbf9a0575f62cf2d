import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * A real service on 127.0.0.1 whose health is the release it runs: it reads
 * health.txt under the deploy root's `current` symlink on every request. "ok"
 * answers 200, "hang" never answers, anything else (or no file) answers 500.
 * A deploy that switches `current` to a broken release turns it unhealthy.
 */
export async function startHealthService(deployRoot: string): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer(async (_request, response) => {
    const health = await readFile(join(deployRoot, 'current', 'health.txt'), 'utf8').catch(() => 'missing');
    if (health.trim() === 'hang') return; // the request stays open until the client gives up
    response.writeHead(health.trim() === 'ok' ? 200 : 500, { 'content-type': 'text/plain' });
    response.end(health);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/health`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
