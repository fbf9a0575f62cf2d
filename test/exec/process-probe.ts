import { readFile } from 'node:fs/promises';

/** Whether process `pid` runs: exists and is not a zombie (some containers' PID 1 never reaps orphans). */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The pids written one per line to `file` by a test script, once it has written `count` of them. */
export async function readPids(file: string, count = 1, timeoutMs = 20_000): Promise<number[]> {
  let pids: number[] = [];
  await waitFor(async () => {
    const text = await readFile(file, 'utf8').catch(() => '');
    pids = text.split('\n').filter(Boolean).map(Number);
    return pids.length >= count;
  }, timeoutMs);
  return pids;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until none of `pids` runs; throws naming the survivors. */
export async function expectAllGone(pids: number[], timeoutMs = 15_000): Promise<void> {
  const alive = async () => (await Promise.all(pids.map(isRunning))).some(Boolean);
  await waitFor(async () => !(await alive()), timeoutMs).catch(async () => {
    const survivors = [];
    for (const pid of pids) if (await isRunning(pid)) survivors.push(pid);
    throw new Error(`still running: ${survivors.join(', ')}`);
  });
}
