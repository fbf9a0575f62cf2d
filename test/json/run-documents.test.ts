import { existsSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import { type Document, documentOf, loadValidators } from './schemas.js';

// `deploy --json` and `rollback --json`: one document on stdout in every outcome a team meets,
// the gate report inside it, the script's own output on stderr. One world, one story, in order.

let validators: Map<Document, ValidateFunction>;
let world: DeployWorld;
const passing = { checks: [{ type: 'command', name: 'tests', run: 'true' }] };

beforeAll(async () => {
  validators = await loadValidators();
  world = await createDeployWorld();
  await world.writeConfig(world.repo, passing);
});
afterAll(() => world.cleanup());

async function json(document: Document, args: string[], exitCode: number) {
  return documentOf(validators, document, await world.shipit(world.repo, [document, '--json', ...args]), exitCode);
}

describe('the first deploy', () => {
  it('--dry-run says what would run and that nothing was recorded', async () => {
    const dry = await json('deploy', ['--dry-run'], 0);
    const head = await world.repo.head();
    expect(dry).toMatchObject({ ok: true, action: 'deploy', outcome: 'dry-run', record: null, live: null });
    expect(dry.dryRun).toMatchObject({ command: world.script, shell: true, previousSha: null, excluded: [] });
    expect(dry.dryRun.env).toMatchObject({ SHIPIT_ACTION: 'deploy', SHIPIT_SHA: head, SHIPIT_DEPLOY_ID: '' });
    expect(dry.gate).toMatchObject({ ok: true, release: head, checks: [{ name: 'tests', status: 'pass' }] });
    expect(await world.currentId()).toBeNull();
  });

  it('deploys: the record, the gate and the log, while the script prints on stderr only', async () => {
    const result = await world.shipit(world.repo, ['deploy', '--json', '--yes']);
    const deployed = documentOf(validators, 'deploy', result, 0);
    const head = await world.repo.head();
    expect(deployed).toMatchObject({ outcome: 'success', exitCode: 0, release: head, dryRun: null });
    expect(deployed.record).toMatchObject({ id: 1, action: 'deploy', status: 'success', sha: head, previousSha: null });
    expect(deployed.gate.ok).toBe(true);
    expect(existsSync(deployed.logFile)).toBe(true);
    // The script's "deployed <sha> as #1" and the plan are for people: on stderr.
    expect(result.stderr).toContain(`deployed ${head} as #1`);
    expect(result.stdout).not.toContain('deployed ');
  });

  it('says when there is nothing to deploy', async () => {
    const again = await json('deploy', ['--yes'], 0);
    expect(again).toMatchObject({ outcome: 'up-to-date', gate: null, record: null, batch: { count: 0 } });
    expect(again.live).toMatchObject({ deployId: 1, action: 'deploy' });
  });
});

describe('the next batch', () => {
  let wishlist: string;
  beforeAll(async () => {
    wishlist = await world.repo.commit('feat: wishlist (#12)', { author: 'cy' });
    await world.repo.push();
  });

  it('has one shape in check, status and deploy', async () => {
    const check = await json('check', [], 0);
    const status = await json('status', [], 0);
    const dry = await json('deploy', ['--dry-run'], 0);
    expect(status.batch).toEqual({
      count: 1,
      authors: ['cy'],
      commits: [{ sha: wishlist, subject: 'feat: wishlist (#12)', author: 'cy', pullRequests: [12] }],
      excluded: [],
    });
    for (const batch of [check.batch, dry.batch, dry.gate.batch]) expect(batch).toEqual(status.batch);
    for (const live of [check.live, dry.live, dry.gate.live]) expect(live).toEqual(status.live);
    expect(dry.candidate).toEqual(status.candidate);
  });

  it('a blocked gate: outcome blocked, exit 1, the failing check in the report', async () => {
    await world.writeConfig(world.repo, { checks: [{ type: 'command', name: 'tests', run: 'exit 1' }] });
    const blocked = await json('deploy', ['--yes'], 1);
    expect(blocked).toMatchObject({ ok: false, outcome: 'blocked', exitCode: 1, record: null });
    expect(blocked.gate.checks).toMatchObject([{ name: 'tests', status: 'fail' }]);
  });

  it('a failing script: outcome failure, exit 3, its exit code in the record', async () => {
    await world.writeConfig(world.repo, { ...passing, deploy: { run: 'echo building; exit 7' } });
    const failed = await json('deploy', ['--yes'], 3);
    expect(failed).toMatchObject({
      outcome: 'failure',
      exitCode: 3,
      record: { id: 2, status: 'failure', exitCode: 7 },
    });
    expect(failed.logFile).toMatch(/2\.log$/);
  });
});

describe('rollback --json', () => {
  beforeAll(async () => {
    await world.writeConfig(world.repo, passing);
    expect((await world.shipit(world.repo, ['deploy', '--yes'])).exitCode).toBe(0);
  });

  it('goes back to the previous release and says which lock it left', async () => {
    const first = (await json('history', [], 0)).records.find((r: { id: number }) => r.id === 1);
    const rolled = await json('rollback', ['--yes'], 0);
    expect(rolled).toMatchObject({ action: 'rollback', outcome: 'success', release: first.sha, batch: { count: 0 } });
    expect(rolled.record).toMatchObject({ id: 4, action: 'rollback', sha: first.sha, status: 'success' });
    expect(rolled.live).toMatchObject({ deployId: 3 });
    expect(rolled.lockLeft).toMatchObject({ kind: 'manual', reason: expect.stringContaining('rolled back') });
    expect(rolled.gate.checks).toEqual([]);
  });

  it('an error is the error document alone, valid against the command schema', async () => {
    const locked = await json('deploy', ['--yes'], 4);
    expect(locked).toMatchObject({ ok: false, error: { code: 'locked' } });
  });
});
