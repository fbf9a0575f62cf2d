// A locale file of megabytes decoded in pieces cut at line ends, for the fast
// reader: making one string of a 1.6 MB file costs more than reading it (at
// fifty such files, about half the check), decoding 64 KB at a time far less.
// A `\n` byte is never inside a UTF-8 sequence, so the pieces decode to the
// very text decoding the whole file gives.
import { doubleQuoteClose, singleQuoteClose } from './quoted-lines.js';

export const PIECE_BYTES = 64 * 1024;

const NEWLINE = 10;
const SPACE = 32;
const CR = 13;

/**
 * The UTF-8 text of `content` in pieces of about `size` bytes, each but the
 * last ending with a line break (a longer line is one piece), without the
 * byte order mark a file may start with.
 */
export function* linePieces(content: Buffer, size = PIECE_BYTES): Generator<string> {
  const bom = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf;
  for (let start = bom ? 3 : 0; start < content.length; ) {
    let stop = content.length;
    if (start + size < content.length) {
      stop = content.lastIndexOf(NEWLINE, start + size - 1) + 1;
      if (stop <= start) {
        const newline = content.indexOf(NEWLINE, start + size);
        stop = newline === -1 ? content.length : newline + 1;
      }
    }
    yield content.toString('utf8', start, stop);
    start = stop;
  }
}

/**
 * Whether the value over lines whose first character is at `at` surely ends
 * within `text` (`next` is where the line after its first starts), so that
 * more text cannot change how it reads: a quoted text closes on a whole
 * line, or a block scalar is followed by a line indented no more than its key.
 */
export function endsWithin(text: string, at: number, next: number, indent: number): boolean {
  const first = text[at];
  if (first === "'" || first === '"') {
    // What follows the closing quote on its line is read too: the line must be whole.
    const close = first === "'" ? singleQuoteClose(text, at + 1) : doubleQuoteClose(text, at + 1);
    return close !== -1 && text.indexOf('\n', close) !== -1;
  }
  if (first !== '|' && first !== '>') return true;
  for (let lineStart = next; ; ) {
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1) return false;
    let first = lineStart;
    while (text.charCodeAt(first) === SPACE) first++;
    const blank = first === newline || (first === newline - 1 && text.charCodeAt(first) === CR);
    if (!blank && first - lineStart <= indent) return true;
    lineStart = newline + 1;
  }
}
