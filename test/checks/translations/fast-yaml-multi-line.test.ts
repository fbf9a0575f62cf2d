import { describe, expect, it } from 'vitest';
import { createFlatLocale, flattenInto } from '../../../src/checks/translations/flatten.js';
import { parseSimpleYaml } from '../../../src/checks/translations/simple-yaml.js';
import { streamYamlTarget } from '../../../src/checks/translations/stream-yaml-target.js';
import { disagreement, random, SEED, type Verdict } from './yaml-differential.js';

// Block scalars and quoted texts over several lines, the multi-line values the
// fast reader takes: on every generated document it returns the tree `yaml`
// returns, or declines. The pieces aim at YAML's corners: chomping, explicit
// indentation, blank lines with too many spaces, more-indented folded lines,
// tabs, CRLF, comments, document markers, a last line with no line break.

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

function generate(next: () => number): string {
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

describe('the fast YAML reader against the yaml package, on values over several lines', () => {
  it('returns the same tree or declines, on 6,000 generated documents, and reads many of them', () => {
    const next = random(SEED + 10);
    const verdicts: Verdict[] = [];
    let read = 0;
    for (let run = 0; run < 6000; run++) {
      const input = generate(next);
      if (parseSimpleYaml(input) !== undefined) read++;
      const verdict = disagreement(input);
      if (verdict) verdicts.push(verdict);
    }
    expect(verdicts.slice(0, 5)).toEqual([]);
    // The generator must reach the new paths often, or this test proves nothing.
    expect(read).toBeGreaterThan(1500);
  });

  it('hands a target the same keys and texts as the tree, on 2,000 generated documents', () => {
    const next = random(SEED + 11);
    const problems: string[] = [];
    let taken = 0;
    for (let run = 0; run < 2000; run++) {
      const input = generate(next);
      const streamed: string[] = [];
      if (!streamYamlTarget(input, 'en', { entry: (parent, leaf, text) => streamed.push(`${parent}|${leaf}|${text}`) }))
        continue;
      taken++;
      const whole = createFlatLocale();
      flattenInto(whole, (parseSimpleYaml(input) as { en: unknown }).en, '', false);
      const fromTree = whole.texts.map((text, at) => `${whole.parents[at]}|${whole.leaves[at]}|${text}`);
      if (JSON.stringify(streamed) !== JSON.stringify(fromTree)) problems.push(input);
    }
    expect(problems.slice(0, 3)).toEqual([]);
    expect(taken).toBeGreaterThan(500);
  });

  it.each([
    ['literal, clipped', 'a: |\n  x\n  y\n\n\nb: 1\n', { a: 'x\ny\n', b: 1 }],
    ['literal, stripped', 'a: |-\n  x\n\n', { a: 'x' }],
    ['literal, kept', 'a: |+\n  x\n\n\nb: 1\n', { a: 'x\n\n\n', b: 1 }],
    ['folded, with more-indented lines', 'a: >\n  x\n  y\n\n  z\n   w\n  v\n', { a: 'x y\nz\n w\nv\n' }],
    ['folded, stripped, with leading blank lines', 'a: >-\n\n  x\n\n', { a: '\nx' }],
    ['an explicit indentation, as Psych writes it', 'a:\n  b: |2-\n\n    Sign in\n', { a: { b: '\nSign in' } }],
    ['a comment after the header', 'a: | # why\n  x # kept\n', { a: 'x # kept\n' }],
    ['CRLF line breaks', 'a: |\r\n  x\r\n  y\r\nb: 1\r\n', { a: 'x\ny\n', b: 1 }],
    ['a tab inside the text', 'a: |\n  x\n  \ty\n', { a: 'x\n\ty\n' }],
    ['a quoted text ending in a line break, as Psych writes it', "a: 'x\n\n  '\n", { a: 'x\n' }],
    ['a quoted text folded', 'a: "x \\" \n\n\n   y\\n"\n', { a: 'x "\n\ny\n' }],
  ])('reads %s exactly', (_, input, expected) => {
    expect(parseSimpleYaml(input)).toEqual(expected);
    expect(disagreement(input)).toBeUndefined();
  });

  it.each([
    ['a blank line with more spaces than the text', 'a: |\n    \n  x\n'],
    ['a scalar with no text', 'a: |\nb: 1\n'],
    ['a document end after it (left to yaml)', 'a: |\n  x\n...\n'],
    ['a tab before the text of a quoted line', "a: 'x\n \t\n  y'\n"],
    ['the last line without a line break', 'a: |\n  x'],
    ['a tab in the header', 'a: |\t\n  x\n'],
    ['a comment not after a space', 'a: |#c\n  x\n'],
    ['an escaped line break', 'a: "x\\\n  y"\n'],
    ['a quoted line not indented past its key', "a:\n  b: 'x\n  y'\n"],
    ['text after the closing quote', "a: 'x\n  y' z\n"],
  ])('declines %s', (_, input) => {
    expect(parseSimpleYaml(input)).toBeUndefined();
  });
});
