import { type ChildProcess, spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { WATCHDOG_COMMAND } from './watchdog.js';

let watchdog: ChildProcess | undefined;

/**
 * Tells this shipit's watchdog (watchdog.ts) to stop process group `pgid` if
 * shipit dies before it does. The watchdog starts with the first command, off
 * the critical path: what is written before it runs waits in the pipe.
 */
export function watchGroup(pgid: number, graceMs: number, liveFile?: string): void {
  // One line per message: a path with a line break (a strange TMPDIR) is not sent; such a live
  // file stays behind, which is harmless: its reader checks that the group it names still runs.
  const file = liveFile && !/[\r\n]/.test(liveFile) ? liveFile : '';
  send(`watch ${pgid} ${Math.round(graceMs)} ${file}`);
}

/** The group is gone: nothing to stop any more. */
export function forgetGroup(pgid: number): void {
  send(`forget ${pgid}`);
}

/** Starts the watchdog now, if it is not running, so the next command's watch line finds it. */
export function startWatchdog(): void {
  if (watchdog) return;
  const [shell, ...args] = WATCHDOG_COMMAND;
  // Detached: a signal to shipit's process group must not take the watchdog with it.
  watchdog = spawn(shell as string, args, {
    detached: true,
    // It may outlive shipit by the grace period: it must not hold shipit's output open (a CI log would wait for it).
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.on('error', () => {});
  watchdog.stdin?.on('error', () => {});
  // Neither the watchdog nor the pipe to it keeps shipit running.
  watchdog.unref();
  (watchdog.stdin as Socket | null)?.unref();
}

function send(line: string): void {
  startWatchdog();
  watchdog?.stdin?.write(`${line}\n`);
}
