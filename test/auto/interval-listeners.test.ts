import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';

// A long-running `auto --interval` must not grow listeners round after round: Node warns past
// ten on one emitter (MaxListenersExceededWarning), and a team's loop runs for days.

let world: DeployWorld | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const ROUNDS = 5;
// JS checks run in worker threads, one per check and round: eight of them, as in bench/auto.ts,
// five rounds. The last check fails, so no round deploys.
const CONFIG = `export default {
  deploy: { run: 'true' },
  checks: Array.from({ length: 8 }, (_, i) => ({
    name: 'js-' + i,
    run: () => {
      console.log('check ' + i + ' says hello');
      return { status: i === 7 ? 'fail' : 'pass', summary: 'instant' };
    },
  })),
};
`;

it(`runs ${ROUNDS} rounds of JS checks without a MaxListenersExceededWarning`, async () => {
  world = await createDeployWorld();
  const { repo } = world;
  await repo.commit('feat: one', { files: { 'one.txt': '1\n' } });
  await repo.push();
  const configFile = join(repo.dir, '.git', 'listeners.config.mjs');
  await writeFile(configFile, CONFIG);
  const child = execa('node', [BIN, '--config', configFile, 'auto', '--interval', '1s', '--json'], {
    cwd: repo.dir,
    env: { NO_COLOR: '1', CI: 'true' },
    reject: false,
  });
  const reasons: string[] = [];
  let buffered = '';
  await new Promise<void>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split(/(?<=^\})\n/m);
      buffered = parts.pop() ?? '';
      for (const part of parts) if (part.trim()) reasons.push(JSON.parse(part).reason);
      if (reasons.length >= ROUNDS) resolve();
    });
  });
  child.kill('SIGTERM');
  const result = await child;
  expect(result.exitCode).toBe(0);
  expect(reasons.slice(0, ROUNDS)).toEqual(Array(ROUNDS).fill('gate-blocked'));
  // The checks' console output still reaches stderr, each round's.
  expect(result.stderr.match(/check 0 says hello/g)?.length).toBeGreaterThanOrEqual(ROUNDS);
  expect(result.stderr).not.toContain('MaxListenersExceededWarning');
  expect(result.stderr).not.toMatch(/memory leak/i);
}, 90_000);
