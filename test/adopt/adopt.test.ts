import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import { type Document, documentOf, loadValidators } from '../json/schemas.js';

// A team moving from another tool: production runs a commit shipit never deployed.
// `shipit adopt` records it, so the first batch is what came after it, and a rollback can come back to it.

let validators: Map<Document, ValidateFunction>;
let world: DeployWorld;
let running: string;

beforeAll(async () => {
  validators = await loadValidators();
  world = await createDeployWorld();
  await world.writeConfig(world.repo, { checks: [] });
  await world.repo.commit('feat: cart', { author: 'ana' });
  running = await world.repo.commit('feat: search', { author: 'bo' });
  await world.repo.push();
});
afterAll(() => world.cleanup());

async function json(document: Document, args: string[], exitCode: number) {
  return documentOf(validators, document, await world.shipit(world.repo, [document, '--json', ...args]), exitCode);
}

describe('shipit adopt', () => {
  it('refuses a commit this repository does not have (exit 2)', async () => {
    const unknown = await json('adopt', ['deadbeef1234', '--yes'], 2);
    expect(unknown.error.code).toBe('adopt-unknown-commit');
  });

  it('refuses a commit that is not on the deployed branch (exit 2)', async () => {
    await world.repo.git('checkout', '-q', '-b', 'experiment');
    const side = await world.repo.commit('wip: experiment');
    await world.repo.git('checkout', '-q', 'main');
    const refused = await world.shipit(world.repo, ['adopt', side.slice(0, 7), '--yes']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/error\[adopt-not-on-branch\] .* is not on origin\/main/);
    expect((await json('history', [], 0)).records).toEqual([]);
  });

  it('records what runs, without running a script', async () => {
    const adopted = await json('adopt', [running.slice(0, 7), '--reason', 'moving from Capistrano', '--yes'], 0);
    expect(adopted).toMatchObject({ environment: 'production', action: 'adopt' });
    expect(adopted.record).toMatchObject({
      id: 1,
      action: 'adopt',
      status: 'success',
      sha: running,
      candidate: running,
      previousSha: null,
      excluded: [],
      message: 'adopted: moving from Capistrano',
    });
    expect(await world.currentId()).toBeNull(); // no script ran
    expect((await json('status', [], 0)).live).toMatchObject({ sha: running, deployId: 1, action: 'adopt' });
    expect((await world.shipit(world.repo, ['status'])).stdout).toMatch(/production +[0-9a-f]{7} adopt #1 by /);
    const history = await world.shipit(world.repo, ['history']);
    expect(history.stdout).toMatch(/#1 +adopt +success/);
    expect(history.stdout).toContain('adopted: moving from Capistrano');
  });

  it('refuses to adopt over a recorded live release without --force (exit 2)', async () => {
    expect((await json('adopt', [running, '--yes'], 2)).error.code).toBe('adopt-has-history');
  });

  it('the next deploy ships only what came after the adopted commit', async () => {
    const next = await world.repo.commit('feat: wishlist', { author: 'cy' });
    await world.repo.push();
    const deployed = await json('deploy', ['--yes'], 0);
    expect(deployed.batch.commits.map((commit: { sha: string }) => commit.sha)).toEqual([next]);
    expect(deployed.live).toMatchObject({ deployId: 1, action: 'adopt', sha: running });
    expect(deployed.record).toMatchObject({ id: 2, sha: next, previousSha: running, status: 'success' });
  });

  it('rollback goes back to the adopted release', async () => {
    const rolled = await json('rollback', ['--yes'], 0);
    expect(rolled.record).toMatchObject({ id: 3, action: 'rollback', sha: running, status: 'success' });
    expect(await world.scriptEnv(3)).toMatchObject({ SHIPIT_ACTION: 'rollback', SHIPIT_SHA: running });
  });

  it('--force records a release made outside shipit over the history, under the lock', async () => {
    // The rollback left its lock: adopt waits for nobody.
    expect((await json('adopt', [running, '--force', '--yes'], 4)).error.code).toBe('locked');
    expect((await world.shipit(world.repo, ['unlock'])).exitCode).toBe(0);
    const head = await world.repo.head();
    const forced = await json('adopt', [head, '--force', '--yes'], 0);
    expect(forced.record).toMatchObject({ id: 4, action: 'adopt', sha: head, previousSha: running });
  });
});
