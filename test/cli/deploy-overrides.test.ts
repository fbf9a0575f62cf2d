import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
  await world.repo.commit('feat: search');
  await world.repo.push();
});
afterEach(() => world.cleanup());

const blocked = [{ type: 'batch-size' }, { type: 'command', name: 'smoke', run: 'echo smoke env is down; exit 1' }];
const history = async () => JSON.parse((await world.shipit(world.repo, ['history', '--json'])).stdout).records;

describe('deploy over a gate that says no', () => {
  it('--force says FORCED with the ignored checks and the reason, in the report, the summary and the history', async () => {
    await world.writeConfig(world.repo, { checks: blocked });
    const summaryFile = join(world.root, 'summary.md');
    const forced = await world.shipit(world.repo, ['deploy', '--yes', '--force', '--reason', 'hotfix for checkout'], {
      GITHUB_STEP_SUMMARY: summaryFile,
    });
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toMatch(
      /GATE BLOCKED: 1 failing\nFORCED: deploying over the blocked gate, ignoring smoke; reason: hotfix for checkout\n/,
    );
    expect(forced.stdout).toContain('✔ deploy #1 of');
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary).toContain('GATE BLOCKED: 1 failing · FORCED');
    expect(summary).toContain(
      '> **FORCED: deploying over the blocked gate, ignoring smoke; reason: hotfix for checkout**',
    );
    const [record] = await history();
    expect(record.forced).toEqual({ reason: 'hotfix for checkout', ignoredChecks: ['smoke'] });
    const text = await world.shipit(world.repo, ['history']);
    expect(text.stdout).toContain('forced: hotfix for checkout (ignored: smoke)');
  });

  it('--dry-run --force exits 0 like the forced deploy would go ahead; without --force it exits 1', async () => {
    await world.writeConfig(world.repo, { checks: blocked });
    const refused = await world.shipit(world.repo, ['deploy', '--dry-run']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toContain('Refusing to deploy: the gate is blocked (smoke).');
    expect(refused.stdout).not.toContain('FORCED');

    const dryRun = await world.shipit(world.repo, ['deploy', '--dry-run', '--force', '--reason', 'hotfix']);
    expect(dryRun.exitCode).toBe(0);
    expect(dryRun.stdout).toContain('FORCED: deploying over the blocked gate, ignoring smoke; reason: hotfix');
    expect(dryRun.stdout).toContain('Dry run: would deploy');
    expect(await history()).toEqual([]);
  });

  it('--skip needs a reason and a configured check name', async () => {
    await world.writeConfig(world.repo, { checks: blocked });
    const noReason = await world.shipit(world.repo, ['deploy', '--yes', '--skip', 'smoke']);
    expect(noReason.exitCode).toBe(2);
    expect(noReason.stderr).toContain('--skip smoke: a skip needs --reason');
    const typo = await world.shipit(world.repo, ['deploy', '--yes', '--skip', 'smok', '--reason', 'x']);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain('did you mean "smoke"?');
    expect(await history()).toEqual([]);
  });

  it('--skip <check> --reason leaves a check out, shows it skipped and records it with the deploy', async () => {
    await world.writeConfig(world.repo, { checks: blocked });
    const skipped = await world.shipit(world.repo, [
      'deploy',
      '--yes',
      '--skip',
      'smoke',
      '--reason',
      'smoke env down',
    ]);
    expect(skipped.exitCode).toBe(0);
    expect(skipped.stdout).toMatch(/○ smoke\s+-\s+skipped: smoke env down/);
    expect(skipped.stdout).toContain('GATE PASSED: 1/2 green, 1 skipped');
    expect(skipped.stdout).not.toContain('FORCED');
    const [record] = await history();
    expect(record).toMatchObject({ status: 'success', skipped: { reason: 'smoke env down', checks: ['smoke'] } });
    expect(record.forced).toBeUndefined();
    expect((await world.shipit(world.repo, ['history'])).stdout).toContain('skipped: smoke: smoke env down');
  });

  it('goes ahead when no check guards deploy, saying there was no gate rather than "GATE PASSED 0/0"', async () => {
    await world.writeConfig(world.repo, { checks: [] });
    const result = await world.shipit(world.repo, ['deploy', '--yes']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('note: no check guards deploy: it goes ahead without a gate');
    expect(result.stdout).toContain('NO GATE: no check ran');
    expect(result.stdout).not.toContain('GATE PASSED');
  });
});
