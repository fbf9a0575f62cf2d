import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/exec/run-command.js';
import { isRunning, readPids } from './process-probe.js';

// runCommand from source, with real processes and real signals.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipit-exec-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('runCommand stops the whole process group, always', () => {
  it('background jobs left by a command that exited are stopped before it resolves', async () => {
    const pids = join(dir, 'pids');
    const result = await runCommand(`sleep 300 & echo $! > ${pids}; echo done`, { cwd: dir, killGraceMs: 500 });
    expect(result.exitCode).toBe(0);
    expect(result.output).toBe('done\n');
    const [background] = await readPids(pids);
    expect(await isRunning(background as number)).toBe(false);
  });

  it('a command that ignores SIGTERM is killed after the grace period when it times out', async () => {
    const pids = join(dir, 'pids');
    const started = Date.now();
    const result = await runCommand(`trap '' TERM; echo $$ > ${pids}; while :; do sleep 0.1; done`, {
      cwd: dir,
      timeoutMs: 300,
      killGraceMs: 500,
    });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeUndefined();
    const [shell] = await readPids(pids);
    expect(await isRunning(shell as number)).toBe(false);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('an abort stops the command and its children, and says so', async () => {
    const pids = join(dir, 'pids');
    const controller = new AbortController();
    const running = runCommand(`sleep 300 & echo $! >> ${pids}; echo $$ >> ${pids}; wait`, {
      cwd: dir,
      signal: controller.signal,
      killGraceMs: 500,
    });
    const started = await readPids(pids, 2);
    controller.abort();
    const result = await running;
    expect(result.aborted).toBe(true);
    for (const pid of started) expect(await isRunning(pid)).toBe(false);
  });

  it('an argv command that does not exist fails with a reason, not a crash', async () => {
    const result = await runCommand(['/no/such/program'], { cwd: dir });
    expect(result.exitCode).toBeUndefined();
    expect(result.output).toMatch(/could not run the command: .*ENOENT/);
  });
});
