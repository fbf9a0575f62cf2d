// One small process beside each shipit that runs commands, so that no
// command (deploy script, command check) outlives shipit unnoticed, however
// shipit ends (kill -9 included). shipit writes to this process's stdin:
//   "watch <pgid> <graceMs> [liveFile]"  when a command's process group starts,
//   "forget <pgid>"                      once shipit has seen that group gone.
// When stdin closes (shipit is gone: the kernel closes the pipe, no polling),
// every group still watched gets SIGTERM, then SIGKILL after its grace period,
// and its live file (see live-scripts.ts) is removed once the group is gone.
// The pipe buffers what shipit wrote before this process was even running, so
// a command is watched from the moment shipit starts it.
// Only node builtins: it starts on every run that executes a command.
import { rmSync } from 'node:fs';
import { isGroupAlive } from './live-scripts.js';

interface Watched {
  graceMs: number;
  liveFile?: string;
}

const watched = new Map<number, Watched>();

// A Ctrl-C or hang-up reaches shipit, which decides; this process only acts on shipit's end.
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
process.on('SIGTERM', () => {});

let input = '';
process.stdin.on('data', (chunk: Buffer) => {
  input += chunk.toString('utf8');
  const lines = input.split('\n');
  input = lines.pop() ?? '';
  for (const line of lines) {
    const [verb, pgid, graceMs, liveFile] = line.split(' ');
    if (verb === 'watch')
      watched.set(Number(pgid), {
        graceMs: Number(graceMs),
        liveFile: liveFile ? decodeURIComponent(liveFile) : undefined,
      });
    if (verb === 'forget') watched.delete(Number(pgid));
  }
});
process.stdin.on('close', () => void stopAll().then(() => process.exit(0)));

async function stopAll(): Promise<void> {
  await Promise.all(
    [...watched].map(async ([pgid, { graceMs, liveFile }]) => {
      signalGroup(pgid, 'SIGTERM');
      const killAt = Date.now() + graceMs;
      while (isGroupAlive(pgid) && Date.now() < killAt) await sleep(50);
      signalGroup(pgid, 'SIGKILL');
      for (let tries = 0; isGroupAlive(pgid) && tries < 40; tries++) await sleep(50);
      if (liveFile) rmSync(liveFile, { force: true });
    }),
  );
}

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
