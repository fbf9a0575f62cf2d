import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WATCHDOG_COMMAND } from '../../src/exec/watchdog.js';
import { expectAllGone, isRunning, readPids } from './process-probe.js';

// The watchdog on its own, spoken to as shipit speaks to it: lines on its
// stdin, and the end of stdin standing for shipit's death.

let dir: string;
const started: ChildProcess[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipit-watchdog-'));
});
afterEach(async () => {
  for (const child of started) if (child.pid) killGroup(child.pid);
  started.length = 0;
  await rm(dir, { recursive: true, force: true });
});

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function startWatchdog(): ChildProcess {
  const [shell, ...args] = WATCHDOG_COMMAND;
  const watchdog = spawn(shell as string, args, { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  started.push(watchdog);
  return watchdog;
}

/** A process group that ignores SIGTERM, as a stubborn deploy script does; its leader's pid is its pgid. */
async function stubbornGroup(): Promise<number[]> {
  const pids = join(dir, `pids-${started.length}`);
  const group = spawn(
    '/bin/sh',
    ['-c', `trap '' TERM; (trap '' TERM; sleep 300) & echo $! >> ${pids}; echo $$ >> ${pids}; wait`],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  started.push(group);
  const members = await readPids(pids, 2);
  return [group.pid as number, ...members];
}

/** Until process `pid` ignores SIGTERM (its trap has run), read from /proc/<pid>/status. */
async function untilIgnoresTerm(pid: number): Promise<void> {
  const term = 1n << 14n; // signal 15's bit
  for (let tries = 0; tries < 400; tries++) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const ignored = BigInt(`0x${/SigIgn:\s*([0-9a-f]+)/.exec(status)?.[1] ?? '0'}`);
    if (ignored & term) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`process ${pid} never ignored SIGTERM`);
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.on('exit', resolve));

describe('the watchdog', () => {
  it('once shipit is gone, stops every group still watched: SIGTERM, SIGKILL after the grace, then removes the live file', async () => {
    const [pgid, ...members] = await stubbornGroup();
    // A path with a space: the rest of the line is the path.
    const live = join(dir, 'live scripts', '123.json');
    await mkdir(join(dir, 'live scripts'));
    await writeFile(live, '{}');
    const watchdog = startWatchdog();
    watchdog.stdin?.write(`watch ${pgid} 300 ${live}\n`);
    const stopped = Date.now();
    watchdog.stdin?.end();
    await exited(watchdog);
    // It ignores SIGTERM: only the SIGKILL after the grace ends it.
    expect(Date.now() - stopped).toBeGreaterThanOrEqual(250);
    for (const pid of members) expect(await isRunning(pid)).toBe(false);
    expect(existsSync(live)).toBe(false);
  });

  it('leaves alone a group it was told to forget, and stops the others', async () => {
    const forgotten = await stubbornGroup();
    const watched = await stubbornGroup();
    const watchdog = startWatchdog();
    watchdog.stdin?.write(`watch ${forgotten[0]} 100 \nwatch ${watched[0]} 100 \nforget ${forgotten[0]}\n`);
    watchdog.stdin?.end();
    await exited(watchdog);
    await expectAllGone(watched.slice(1));
    for (const pid of forgotten.slice(1)) expect(await isRunning(pid)).toBe(true);
  });

  it('ignores SIGTERM, SIGINT and SIGHUP: only the end of its input sets it off', async () => {
    const [pgid, ...members] = await stubbornGroup();
    const watchdog = startWatchdog();
    watchdog.stdin?.write(`watch ${pgid} 100 \n`);
    await untilIgnoresTerm(watchdog.pid as number);
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) watchdog.kill(signal);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(watchdog.exitCode).toBeNull();
    for (const pid of members) expect(await isRunning(pid)).toBe(true);
    watchdog.stdin?.end();
    await exited(watchdog);
    await expectAllGone(members);
  });
});
