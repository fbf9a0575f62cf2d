import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// While a deploy or rollback script runs, its supervisor keeps a small file
// here, named after the pid of the shipit that started it (the pid its lock
// records), and removes it once the script's whole process group is gone.
// So on the lock's host, "is that deploy's script still running?" has an
// answer even after shipit itself was killed with -9.
const LIVE_DIR = join(tmpdir(), 'shipit-live-scripts');

export interface LiveScript {
  pgid: number;
  environment?: string;
  deployId?: number;
}

/** The file the supervisor of a script started by shipit process `ownerPid` keeps. */
export function liveScriptFile(ownerPid: number): string {
  return join(LIVE_DIR, `${ownerPid}.json`);
}

/** The script started by shipit process `ownerPid` on this host, if its process group still lives. */
export function findLiveScript(ownerPid: number): LiveScript | null {
  let script: LiveScript;
  try {
    script = JSON.parse(readFileSync(liveScriptFile(ownerPid), 'utf8')) as LiveScript;
  } catch {
    return null;
  }
  if (!Number.isInteger(script.pgid) || script.pgid <= 1) return null;
  return isGroupAlive(script.pgid) ? script : null;
}

/**
 * Whether any process of group `pgid` still runs (EPERM: alive, owned by someone else).
 * Zombies do not count: where nothing reaps orphans (PID 1 of some containers),
 * a killed group's processes stay zombies forever, yet run nothing.
 */
export function isGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return process.platform === 'linux' ? hasLiveMember(pgid) : true;
}

/** Reads /proc: is a process of group `pgid` in any state but zombie? */
function hasLiveMember(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // it ended while we looked
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so read after the last ")".
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}
