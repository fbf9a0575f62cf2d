import { describe, expect, it } from 'vitest';
import { createFlatLocale, flattenInto } from '../../../src/checks/translations/flatten.js';
import { parseSimpleYaml } from '../../../src/checks/translations/simple-yaml.js';
import { streamYamlTarget } from '../../../src/checks/translations/stream-yaml-target.js';
import { generateMultiLine } from './multi-line-documents.js';
import { disagreement, random, SEED, type Verdict } from './yaml-differential.js';

// Block scalars and quoted texts over several lines, the multi-line values the
// fast reader takes: on every generated document it returns the tree `yaml`
// returns, or declines. The pieces aim at YAML's corners: chomping, explicit
// indentation, blank lines with too many spaces, more-indented folded lines,
// tabs, CRLF, comments, document markers, a last line with no line break.

describe('the fast YAML reader against the yaml package, on values over several lines', () => {
  it('returns the same tree or declines, on 6,000 generated documents, and reads many of them', () => {
    const next = random(SEED + 10);
    const verdicts: Verdict[] = [];
    let read = 0;
    for (let run = 0; run < 6000; run++) {
      const input = generateMultiLine(next);
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
      const input = generateMultiLine(next);
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
