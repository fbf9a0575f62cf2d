import { afterEach, expect } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import { startHealthService } from './health-service.js';

// A deploy world for verification: the built CLI deploys with a real script (a `current` symlink),
// then watches a real HTTP service on 127.0.0.1 that serves whatever release `current` points at.

interface Setup {
  world: DeployWorld;
  service: Awaited<ReturnType<typeof startHealthService>>;
}
const setups: Setup[] = [];
afterEach(async () => {
  for (const { world, service } of setups.splice(0)) {
    await service.stop();
    await world.cleanup();
  }
});

type Verify = Record<string, unknown>;
export interface RecordJson {
  id: number;
  action: string;
  status: string;
  sha: string;
  verification: {
    verdict: string;
    roundCount: number;
    rounds: { ok: boolean; failing: string[] }[];
    rollback?: { id?: number; status: string; sha: string };
  };
}

/** A world whose first release (#1, healthy) passed its verification. */
export async function healthyWorld(verify: Verify = {}, extra: Record<string, unknown> = {}, timeout?: string) {
  const world = await createDeployWorld();
  const service = await startHealthService(world.deployRoot);
  setups.push({ world, service });
  const config = {
    checks: [],
    ...extra,
    deploy: {
      run: world.script,
      verify: {
        for: '1s',
        every: '200ms',
        // Generous: a loaded machine must not fail a healthy round; the hanging case sets its own.
        checks: [{ type: 'http', name: 'health', url: service.url, timeout: timeout ?? '5s' }],
        ...verify,
      },
    },
  };
  await world.writeConfig(world.repo, config);
  await world.repo.commit('healthy app', { files: { 'health.txt': 'ok\n' } });
  await world.repo.push();
  const first = await world.shipit(world.repo, ['deploy']);
  expect(first.exitCode, first.stdout + first.stderr).toBe(0);
  return { world, service };
}

export async function history(world: DeployWorld) {
  const result = await world.shipit(world.repo, ['history', '--json']);
  return JSON.parse(result.stdout).records as RecordJson[];
}

export async function lockOf(world: DeployWorld) {
  const result = await world.shipit(world.repo, ['status', '--json']);
  return JSON.parse(result.stdout).lock as { reason: string } | null;
}

export async function pushBroken(world: DeployWorld, health = 'broken\n') {
  const sha = await world.repo.commit('break the app', { files: { 'health.txt': health } });
  await world.repo.push();
  return sha;
}
