// The generator of documents with values over several lines (block scalars,
// quoted texts) the differential tests of the fast YAML reader share.

type Pick = <T>(items: readonly T[]) => T;

const INDICATORS = ['', '-', '+', '1', '2', '4', '2-', '-2', '+1', '3+'];
const HEADER_TAILS = ['', '', ' # note', '  #note', '#bad', ' x', '\t', '--', '0'];
const TEXTS = ['Hello', 'two words', 'a: b', 'x # y', 'it\'s "q"', 'trailing  ', 'é – 日本', '- item', '#hash', '...'];

/** The lines of a block scalar's content for a key indented by `indent`; `odd` lets in YAML's corners. */
function blockContent(pick: Pick, next: () => number, indent: number, header: string, odd: boolean): string[] {
  const explicit = Number(/\d/.exec(header)?.[0] ?? 0);
  const content = indent + (odd ? pick([1, 2, 3, 4, 0]) : explicit || pick([1, 2, 2, 4]));
  const pad = (extra: number) => ' '.repeat(Math.max(0, content + extra));
  const lines: string[] = [];
  for (let count = Math.floor(next() * 6); count >= 0; count--) {
    const roll = next();
    if (roll < 0.5) lines.push(`${pad(0)}${pick(TEXTS)}`);
    else if (roll < 0.65) lines.push(`${pad(pick([1, 2, 3]))}${pick(TEXTS)}`);
    else if (roll < 0.8) lines.push(pick(['', '', pad(0), pad(-1), pad(-content)]));
    else if (roll < 0.85) lines.push(`${pad(0)}\t${pick(TEXTS)}`);
    else if (!odd) lines.push(`${pad(0)}${pick(TEXTS)}`);
    else if (roll < 0.9)
      lines.push(pick([pad(1), `${pad(-1)}# less indented`, `${pad(0)}# kept`, '\t', `${pad(0)} \t`]));
    else lines.push(`${pad(-1)}${pick(TEXTS)}`);
  }
  return lines;
}

/** A quoted text over lines: the first part on the key's line, the rest indented anyhow when `odd`. */
function quotedLines(pick: Pick, next: () => number, indent: number, odd: boolean): string {
  const quote = pick(["'", '"']);
  const parts = quote === "'" ? ["it''s", 'say "hi"'] : ['say \\"hi\\"', 'tab\\there', '\\u00e9', '\\/'];
  const oddParts = quote === "'" ? [] : ['end\\', 'a\\x41'];
  const words = [...TEXTS.filter((text) => !text.includes(quote)), ...parts, '', '  ', 'trail \t'];
  if (odd) words.push(...oddParts, ' \t');
  const lines = [pick(words)];
  for (let count = 1 + Math.floor(next() * 4); count > 0; count--) {
    const extra = odd ? pick([2, 4, 1, 0, -1, -indent]) : pick([1, 2, 2, 4]);
    const pad = ' '.repeat(Math.max(0, indent + extra));
    lines.push(`${odd ? pick([pad, `${pad}\t`, '']) : pad}${pick(words)}`);
  }
  const after = odd ? pick(['', ' # note', ' x', '  ', '#x']) : pick(['', ' # note', '  ']);
  return `${quote}${lines.join(odd ? pick(['\n', '\r\n', '\r']) : '\n')}${quote}${after}`;
}

/** A random `en:` document with block scalars and quoted texts over lines, half of them in YAML's corners. */
export function generateMultiLine(next: () => number): string {
  const pick: Pick = (items) => items[Math.floor(next() * items.length)]!;
  const lines = ['en:', '  title: Hello'];
  const nested = next() < 0.5;
  if (nested) lines.push('  home:');
  const indent = nested ? 4 : 2;
  const pad = ' '.repeat(indent);
  // Half the documents stay within what the fast reader takes, so that its readings are compared often.
  const odd = next() < 0.5;
  for (let count = 1 + Math.floor(next() * 3); count > 0; count--) {
    const key = `key${count}`;
    if (next() < 0.6) {
      const style = pick(['|', '>']);
      const header = `${style}${odd ? pick(INDICATORS) : pick(INDICATORS.slice(0, 5))}`;
      const tail = odd ? pick(HEADER_TAILS) : pick(HEADER_TAILS.slice(0, 4));
      lines.push(`${pad}${key}: ${header}${tail}`, ...blockContent(pick, next, indent, header, odd));
    } else {
      lines.push(`${pad}${key}: ${quotedLines(pick, next, indent, odd)}`);
    }
    if (next() < 0.5) lines.push(`${pad}after${count}: text`);
  }
  const ends = ['  last: text', '  # done', '', 'fr:\n  a: b'];
  lines.push(odd ? pick([...ends, '...', '---', '  last: |']) : pick(ends));
  const text = lines.join(pick(['\n', '\n', '\n', '\r\n']));
  return `${text}${odd ? pick(['\n', '', '\n\n']) : pick(['\n', '\n\n'])}`;
}
