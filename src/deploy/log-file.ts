import { open } from 'node:fs/promises';
import { LOG_TAIL_BYTES } from '../state/store.js';

/**
 * The end of a deploy's log file, for the history. Read back from the file,
 * which holds the output already masked, rather than from memory: a cut made
 * there could fall inside a secret and leave half of it readable.
 */
export async function readLogTail(logFile: string): Promise<string | undefined> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(logFile, 'r');
    const { size } = await handle.stat();
    // One byte more than kept: the history's tailLog then starts the kept part at a line boundary.
    const length = Math.min(size, LOG_TAIL_BYTES + 1);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
