import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { maskSecrets } from '../secrets/mask.js';
import type { HookResult } from '../state/record.js';
import type { HookName } from './hook-env.js';

/** One hook's part of the deploy's log file: what it ran between two marker lines, masked. */
export interface HookLog {
  /** Output already masked, as it is echoed. */
  write(chunk: Buffer): void;
  /** Writes the closing marker with how the hook ended, and waits for the file. */
  close(result: HookResult): Promise<void>;
}

/**
 * Opens the deploy's log file for one hook, appending: the log then reads in the order things
 * ran (beforeDeploy hooks, the script, the after hooks). The markers say where each hook's
 * output starts and ends, so a reader never takes a hook's line for the script's.
 */
export async function openHookLog(
  logFile: string,
  name: HookName,
  what: string,
  secrets: readonly string[],
): Promise<HookLog> {
  await mkdir(dirname(logFile), { recursive: true });
  const stream = createWriteStream(logFile, { flags: 'a' });
  const line = (text: string) => stream.write(`${maskSecrets(text, secrets)}\n`);
  line(`--- hook ${name}: ${what} ---`);
  let endsLine = true;
  return {
    write(chunk) {
      if (!chunk.length) return;
      stream.write(chunk);
      endsLine = chunk[chunk.length - 1] === 10;
    },
    async close(result) {
      // Output that did not end with a newline would run into the marker: start a line of its own.
      if (!endsLine) stream.write('\n');
      line(`--- end of hook ${name}: ${result.status}${result.message ? ` (${result.message})` : ''} ---`);
      await new Promise((done) => stream.end(done));
    },
  };
}
