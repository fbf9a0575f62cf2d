// Quoted scalars that run over several lines, for the fast reader: Psych
// writes a text ending in a line break as `'text\n\n  '`, and real Rails files
// hold a few. YAML folds the lines: each line is trimmed, a single line break
// becomes a space and a run of blank lines that many line breaks. A
// double-quoted line ending in a backslash (an escaped line break), a tab at a
// line's start or a line not indented past the key are declined: undefined.
import type { MultiLineValue } from './block-scalar.js';

const SPACE = 32;
const JSON_ESCAPES_ONLY = /^(?:[^\\]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*$/;
const TRAILING_WHITE = /[ \t]+$/;
// `yaml` refuses a tab before a line's text, even on a blank line, where YAML allows it.
const TAB_INDENT = /^ *\t/;

/** The quoted scalar that starts at `at` (its quote), the value of a key indented by `indent`, and ends on a later line. */
export function quotedLinesAt(text: string, at: number, indent: number): MultiLineValue | undefined {
  const quote = text[at];
  const close = quote === "'" ? singleQuoteClose(text, at + 1) : doubleQuoteClose(text, at + 1);
  if (close === -1) return undefined;
  const resume = restOfLine(text, close + 1);
  if (resume === undefined) return undefined;
  const raw = text.slice(at + 1, close).replaceAll('\r\n', '\n');
  if (raw.includes('\r')) return undefined;
  const lines = raw.split('\n');
  if (lines.length === 1) return undefined;
  let out = lines[0]!.replace(TRAILING_WHITE, '');
  let blanks = 0;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (TAB_INDENT.test(line)) return undefined;
    let first = 0;
    while (line.charCodeAt(first) === SPACE) first++;
    const isLast = index === lines.length - 1;
    const blank = first === line.length;
    if (blank && !isLast) {
      blanks++;
      continue;
    }
    if ((!blank || isLast) && first <= indent) return undefined;
    // The last line keeps the spaces before the closing quote.
    const trimmed = isLast ? line.slice(first) : line.slice(first).replace(TRAILING_WHITE, '');
    out += (blanks === 0 ? ' ' : '\n'.repeat(blanks)) + trimmed;
    blanks = 0;
  }
  if (quote === "'") return { value: out.replaceAll("''", "'"), resume };
  // Escapes are read once the lines are joined: a line ending in a backslash would escape its line break.
  if (lines.slice(0, -1).some((line) => line.replace(TRAILING_WHITE, '').endsWith('\\'))) return undefined;
  const escaped = out.replaceAll('\n', '\\n');
  if (!JSON_ESCAPES_ONLY.test(escaped)) return undefined;
  try {
    return { value: JSON.parse(`"${escaped}"`) as string, resume };
  } catch {
    return undefined;
  }
}

export function singleQuoteClose(text: string, from: number): number {
  for (let index = from; ; index += 2) {
    index = text.indexOf("'", index);
    if (index === -1 || text[index + 1] !== "'") return index;
  }
}

export function doubleQuoteClose(text: string, from: number): number {
  let index = from;
  while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
  return index < text.length ? index : -1;
}

/** Where the next line starts, when only spaces and a comment follow `from` on its line. */
function restOfLine(text: string, from: number): number | undefined {
  let index = from;
  while (text.charCodeAt(index) === SPACE) index++;
  if (text[index] === '#' && index > from) {
    const newline = text.indexOf('\n', index);
    return newline === -1 ? text.length : newline + 1;
  }
  if (text[index] === '\r' && text[index + 1] === '\n') return index + 2;
  if (text[index] === '\n') return index + 1;
  return index >= text.length ? text.length : undefined;
}
