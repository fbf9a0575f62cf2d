// Commit subjects, author names, pull request titles, refs, lock reasons and whatever a check
// read from a service or a command are untrusted: a subject like "\e[2K\r\e[1A✔ all good"
// would erase the red line above it and draw a green one, and a bidi override reorders what a
// reader sees. Every printer passes such text through here before it reaches a terminal, a log
// or the GitHub step summary.

/**
 * Whole terminal escape sequences (CSI, OSC up to BEL/ST or the end, two-byte ESC x): removed,
 * so the colours of a tool's own output are not noise and a cursor movement has nothing left to run.
 */
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]?|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[ -~])/g;

/**
 * Everything else that moves the cursor or reorders text: C0 controls (tab aside), DEL, C1 controls
 * (U+009B is a one-byte CSI for some terminals), the bidi embeddings, overrides and isolates, the
 * marks LRM, RLM and ALM, and the line and paragraph separators.
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** UNSAFE without the C0 controls: JSON.stringify escapes those in strings, and its own newlines are layout. */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u001b': '\\e' };

/** A visible stand-in, so a reader sees that something was there: `\r`, `\x07`, `\u202e`. */
function visible(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Untrusted text made safe for one line of a terminal or a log: nothing in it can move the cursor or reorder it. */
export function safeLine(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(UNSAFE, visible);
}

const MARKDOWN_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Untrusted text made safe for a Markdown table cell: one line (a newline would end the row and
 * let the text draw its own), `|` cannot open a new cell, and no HTML, entity (`&#8238;` is a
 * bidi override too), link, image or emphasis of its own.
 */
export function safeMarkdown(text: string): string {
  return safeLine(text)
    .replace(/[&<>]/g, (char) => MARKDOWN_ENTITIES[char] ?? char)
    .replace(/[\\`*_[\]|!~]/g, '\\$&');
}

/** A link target for Markdown: only http(s) URLs, with the characters that could end the link encoded. */
export function safeMarkdownUrl(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null;
  return safeLine(url).replace(/[\s()<>[\]|"'`\\]/g, (char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * The JSON of `--json` keeps the data exactly; JSON.stringify already escapes C0 controls, and
 * here the rest (DEL, C1, bidi marks, line separators) are written as \u escapes too, so the bytes
 * are inert on a terminal and the parsed value is unchanged.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    JSON_UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
