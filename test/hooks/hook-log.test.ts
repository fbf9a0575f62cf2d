import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import { green } from './hook-world.js';

// The deploy's log keeps what its hooks printed, between markers and masked, in the order it ran:
// in this machine's log file and in the end of the log the shared history keeps.

const TOKEN = 'tok-log-4c3b2a19';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

const localLog = (id: number) =>
  readFile(join(world.repo.dir, '.git', 'shipit', 'logs', 'production', `${id}.log`), 'utf8');
const sharedLog = async (id: number) =>
  (await execa('git', ['--git-dir', world.origin, 'show', `refs/shipit/production/history:logs/00000${id}.log`]))
    .stdout;

describe("hook output in the deploy's log", () => {
  it('sits around the script output, between markers, with secrets masked', async () => {
    await world.writeConfig(world.repo, {
      checks: green,
      hooks: {
        beforeDeploy: 'echo "migrating with $DEPLOY_TOKEN"; printf "no newline at the end"',
        afterDeploy: 'echo "purged the cdn" >&2',
      },
    });
    const result = await world.shipit(world.repo, ['deploy', '--yes'], { DEPLOY_TOKEN: TOKEN });
    expect(result.exitCode, result.stderr).toBe(0);

    for (const log of [await localLog(1), await sharedLog(1)]) {
      expect(log).not.toContain(TOKEN);
      const lines = log.trimEnd().split('\n');
      const at = (line: string) => lines.indexOf(line);
      const before = at(
        '--- hook beforeDeploy: sh -c "echo \\"migrating with $DEPLOY_TOKEN\\"; printf \\"no newline at the end\\"" ---',
      );
      const script = lines.findIndex((line) => line.startsWith('deployed '));
      const after = at('--- hook afterDeploy: sh -c "echo \\"purged the cdn\\" >&2" ---');
      expect(before).toBeGreaterThanOrEqual(0);
      expect(lines.slice(before + 1, before + 4)).toEqual([
        'migrating with ***',
        'no newline at the end',
        '--- end of hook beforeDeploy: success ---',
      ]);
      expect(script).toBeGreaterThan(before + 3);
      expect(after).toBeGreaterThan(script);
      expect(lines.slice(after + 1)).toEqual(['purged the cdn', '--- end of hook afterDeploy: success ---']);
    }
  }, 120_000);

  it("keeps a failing beforeDeploy hook's output with the deploy it stopped", async () => {
    await world.writeConfig(world.repo, {
      checks: green,
      hooks: { beforeDeploy: 'echo "migration 42 failed ($DEPLOY_TOKEN)"; exit 3' },
    });
    const result = await world.shipit(world.repo, ['deploy', '--yes'], { DEPLOY_TOKEN: TOKEN });
    expect(result.exitCode).toBe(3);
    for (const log of [await localLog(1), await sharedLog(1)]) {
      expect(log).not.toContain(TOKEN);
      expect(log).toContain(
        'migration 42 failed (***)\n--- end of hook beforeDeploy: failure (exited 3: migration 42 failed (***)) ---',
      );
      expect(log).not.toMatch(/^deployed /m);
    }
  }, 120_000);
});
