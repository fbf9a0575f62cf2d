/** The most of a deploy's output the history keeps: the end is where a failure explains itself. */
export const LOG_TAIL_BYTES = 64 * 1024;
const NOTE_ROOM = 128;
const LINE_SEARCH = 1024;

/** The last 64 KiB of `output`, starting at a line boundary, with a note saying how much was dropped. */
export function tailLog(output: string | Buffer): Buffer {
  const bytes = Buffer.isBuffer(output) ? output : Buffer.from(output);
  if (bytes.length <= LOG_TAIL_BYTES) return bytes;
  let tail = bytes.subarray(bytes.length - (LOG_TAIL_BYTES - NOTE_ROOM));
  const newline = tail.indexOf(10);
  if (newline >= 0 && newline < LINE_SEARCH) tail = tail.subarray(newline + 1);
  const note = `[shipit: ${bytes.length - tail.length} earlier bytes of output not kept]\n`;
  return Buffer.concat([Buffer.from(note), tail]);
}
