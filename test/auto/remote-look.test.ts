import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';

// After its first round, `auto --interval` asks the remote (ls-remote beside for-each-ref) and
// fetches only when something moved, reusing the history it read when nothing did. Whatever a
// person does elsewhere between rounds must still show in the next: a lock, its release, a push.

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

interface Round {
  reason: string;
  lock: { user: string } | null;
  candidate: { sha: string } | null;
}

it('each round sees a lock taken, then released, and a commit pushed from another clone', async () => {
  const { repo } = world;
  await repo.commit('feat: one', { files: { 'one.txt': '1\n' } });
  await repo.push();
  // A red gate: no round deploys, so every change below comes from the other clone.
  const checks = [{ type: 'command', name: 'smoke', run: 'exit 1' }];
  await world.writeConfig(repo, { checks });
  const human = await world.clone('ana');
  await world.writeConfig(human, { checks });
  const child = execa(
    'node',
    [BIN, '--config', join(repo.dir, '.git', 'test-deploy.config.json'), 'auto', '--interval', '1s', '--json'],
    { cwd: repo.dir, env: { NO_COLOR: '1', CI: 'true', DEPLOY_ROOT: world.deployRoot }, reject: false },
  );
  const rounds: Round[] = [];
  let buffered = '';
  // Each step waits for a round that began after the step before it was done.
  let waiter: { after: number; test: (round: Round) => boolean; resolve: () => void } | undefined;
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split(/(?<=^\})\n/m);
    buffered = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) rounds.push(JSON.parse(part));
    if (waiter && rounds.slice(waiter.after).some(waiter.test)) waiter.resolve();
  });
  const roundWhere = (test: (round: Round) => boolean) =>
    new Promise<void>((resolve) => {
      // One round may already be running with the old state: look from the one after it.
      waiter = { after: rounds.length + 1, test, resolve };
    });

  await roundWhere(() => rounds.length >= 2); // past the first round: the look is in use
  expect((await world.shipit(human, ['lock', '--reason', 'db migration'])).exitCode).toBe(0);
  await roundWhere((round) => round.reason === 'locked');
  expect(rounds.find((round) => round.reason === 'locked')?.lock?.user).toBe('ana');
  expect((await world.shipit(human, ['unlock'])).exitCode).toBe(0);
  await roundWhere((round) => round.reason === 'gate-blocked');
  const two = await human.commit('feat: two', { files: { 'two.txt': '2\n' } });
  await human.push();
  await roundWhere((round) => round.candidate?.sha === two);
  child.kill('SIGTERM');
  expect((await child).exitCode).toBe(0);
  expect(rounds.at(-1)).toMatchObject({ reason: 'gate-blocked', lock: null });
}, 120_000);
