// The generator of simple locale documents the differential tests of the fast YAML reader share.

// Pieces locale files are made of, and the corners of YAML the fast reader must notice.
const KEYS = ['title', 'one', 'other', 'user name', 'a.b', 'on', 'no', 'true', '1', '~', 'ключ', 'x-y', 'k#', 'k:v'];
const KEY_STYLES = [(k: string) => k, (k: string) => `'${k.replace(/'/g, "''")}'`, (k: string) => `"${k}"`];
const VALUES = [
  'Hello',
  'Hello %{name}',
  'a # not a comment?',
  'a #comment',
  'trailing   ',
  '"quoted"',
  "'single'",
  "'it''s'",
  '"esc \\" \\n \\t \\u00e9"',
  '"yaml \\x41 \\e"',
  '"unterminated',
  "'unterminated",
  '"a" b',
  'key: value',
  'ends with:',
  '42',
  '-7',
  '+1',
  '1.5',
  '.5',
  '1e3',
  '0x1F',
  '0o17',
  '.inf',
  '-.Inf',
  '.nan',
  '1_000',
  '12:30',
  'true',
  'False',
  'yes',
  'null',
  '~',
  '',
  '-',
  '- item',
  '&anchor x',
  '*alias',
  '|',
  '>-',
  '[a, b]',
  '{a: b}',
  '!tag x',
  '@at',
  '`tick`',
  '? q',
  '%directive',
  'a\tb',
  'é – ü',
  '日本語',
];

/** A random document of the simple subset and its corners: keys, values, comments, odd indentation, CRLF. */
export function generateSimple(next: () => number): string {
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
  // Mostly ordinary values, so that most documents reach the fast path and the corners are met in context.
  const value = () => (next() < 0.6 ? pick(VALUES.slice(0, 8)) : pick(VALUES));
  const lines: string[] = [];
  if (next() < 0.1) lines.push(pick(['---', '--- # doc', '# comment', '']));
  const depthIndent = [0];
  for (let count = 1 + Math.floor(next() * 8); count > 0; count--) {
    const roll = next();
    let indent = depthIndent.at(-1)!;
    if (roll < 0.05) indent += pick([1, 3, -1]);
    const pad = ' '.repeat(Math.max(0, indent));
    const key = pick(KEY_STYLES)(pick(KEYS));
    if (roll < 0.25) {
      lines.push(`${pad}${key}:${pick(['', ' ', ' # section'])}`);
      depthIndent.push(indent + pick([2, 2, 2, 4]));
    } else if (roll < 0.33) {
      lines.push(`${pad}${pick(['-', '  -'])} ${value()}`);
    } else if (roll < 0.38) {
      lines.push(pick(['', '# comment', `${pad}# indented comment`, '\t', '...']));
    } else if (roll < 0.45 && depthIndent.length > 1) {
      depthIndent.pop();
      lines.push(`${' '.repeat(depthIndent.at(-1)!)}${key}: ${value()}`);
    } else {
      lines.push(`${pad}${key}: ${value()}${pick(['', '', ' # note', '  '])}`);
    }
  }
  return `${lines.join(pick(['\n', '\n', '\r\n']))}${pick(['\n', ''])}`;
}
