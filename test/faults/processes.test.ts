import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAllGone, isRunning, readPids } from '../exec/process-probe.js';
import { BIN, runCli } from '../helpers/cli.js';
import { createWorld, type World } from '../helpers/git-world.js';

// The fault matrix for processes: whatever happens to shipit (kill -9, Ctrl-C)
// or to what it runs (a script that ignores SIGTERM, background jobs), no
// process is left behind and no second deploy script can start beside the first.

let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.cleanup());

const configFile = () => join(world.repo.dir, '.git', 'test.config.json');
const writeConfig = (config: Record<string, unknown>) => writeFile(configFile(), JSON.stringify(config));
const shipit = (args: string[]) => runCli(['--config', configFile(), ...args], { cwd: world.repo.dir });
const start = (args: string[]) =>
  execa('node', [BIN, '--config', configFile(), ...args], {
    cwd: world.repo.dir,
    env: { NO_COLOR: '1', CI: 'true' },
    reject: false,
    all: true,
  });

describe('processes under faults', () => {
  it('kill -9 of shipit mid-deploy: the watchdog stops the script and its children, SIGKILL after the grace', async () => {
    const pids = join(world.root, 'pids');
    // The script and its background child ignore SIGTERM: only SIGKILL, after the 1s grace, ends them.
    await writeConfig({
      deploy: {
        run: `trap '' TERM; (trap '' TERM; sleep 300) & echo $! >> ${pids}; echo $$ >> ${pids}; wait`,
        killGrace: '1s',
      },
    });
    const deploy = start(['deploy', '--yes']);
    const script = await readPids(pids, 2);
    deploy.kill('SIGKILL');
    await deploy;
    await expectAllGone(script);
  });

  it('unlock --force refuses while the killed deploy script still runs, and clears the lock once it is stopped', async () => {
    const pids = join(world.root, 'pids');
    // A grace far longer than the test: the script lives on after shipit's death until the test stops it.
    await writeConfig({
      deploy: { run: `trap '' TERM; echo $$ >> ${pids}; while :; do sleep 0.1; done`, killGrace: '10m' },
    });
    const deploy = start(['deploy', '--yes']);
    const [pgid] = await readPids(pids);
    deploy.kill('SIGKILL');
    await deploy;

    const refused = await shipit(['unlock', '--force']);
    expect(refused.exitCode).toBe(4);
    expect(refused.stderr).toContain(`refusing to unlock: the deploy script of #1 still runs (process group ${pgid})`);
    expect(refused.stderr).toContain(`kill -TERM -- -${pgid}`);

    // As the hint says: stop it (it ignores TERM, so KILL), then unlock.
    process.kill(-(pgid as number), 'SIGKILL');
    await expectAllGone([pgid as number]);
    const unlocked = await shipit(['unlock', '--force']);
    expect(unlocked.exitCode).toBe(0);
    expect(unlocked.stdout).toMatch(/deploy #1 was still marked running: recorded as aborted/);
  });

  it("a deploy script's background jobs do not outlive it", async () => {
    const pids = join(world.root, 'pids');
    await writeConfig({ deploy: { run: `sleep 300 & echo $! > ${pids}; echo deployed`, killGrace: '1s' } });
    const result = await shipit(['deploy', '--yes']);
    expect(result.exitCode).toBe(0);
    const [background] = await readPids(pids);
    expect(await isRunning(background as number)).toBe(false);
  });

  it("Ctrl-C on `check` stops a command check's whole process tree", async () => {
    const pids = join(world.root, 'pids');
    await writeConfig({
      checks: [{ type: 'command', name: 'slow', run: `sleep 300 & echo $! >> ${pids}; echo $$ >> ${pids}; wait` }],
    });
    const check = start(['check', '--no-fetch']);
    const tree = await readPids(pids, 2);
    check.kill('SIGINT');
    await check;
    await expectAllGone(tree);
  });

  it('a command check that ignores SIGTERM does not survive its timeout', async () => {
    const pids = join(world.root, 'pids');
    await writeConfig({
      checks: [
        {
          type: 'command',
          name: 'stubborn',
          timeout: '1s',
          run: `trap '' TERM; echo $$ > ${pids}; while :; do sleep 0.1; done`,
        },
      ],
    });
    const result = await shipit(['check', '--no-fetch']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/stubborn .*timed out after 1\.0s/);
    // It ignores SIGTERM: only the SIGKILL after the 2s grace ends it (from shipit, or its watchdog once shipit has exited).
    const [shell] = await readPids(pids);
    await expectAllGone([shell as number], 10_000);
  });

  it('a duration past what a timer can wait is refused at config load, naming the key and the maximum', async () => {
    await writeConfig({ deploy: { run: 'true', timeout: '25d' } });
    const script = await shipit(['check', '--no-fetch']);
    expect(script.exitCode).toBe(2);
    expect(script.stderr).toMatch(/deploy\.timeout: expected a duration of at most "24d" \(2073600000 ms.*got "25d"/);

    await writeConfig({ checks: [{ name: 't', type: 'command', run: 'true', timeout: 1e300 }] });
    const check = await shipit(['check', '--no-fetch']);
    expect(check.exitCode).toBe(2);
    expect(check.stderr).toMatch(/checks\[0\]\.timeout: expected a duration of at most "24d".*got 1e\+300/);
  });
});
