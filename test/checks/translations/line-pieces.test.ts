import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { flattenLocaleTree } from '../../../src/checks/translations/flat-yaml-locale.js';
import { createFlatLocale } from '../../../src/checks/translations/flatten.js';
import { linePieces } from '../../../src/checks/translations/line-pieces.js';
import { readLocaleFile } from '../../../src/checks/translations/load-locales.js';
import { parseSimpleYaml } from '../../../src/checks/translations/simple-yaml.js';
import { streamYamlTarget } from '../../../src/checks/translations/stream-yaml-target.js';
import { deviseLocales } from './corpus.js';
import { generateMultiLine } from './multi-line-documents.js';
import { generateSimple } from './simple-documents.js';
import { random, SEED } from './yaml-differential.js';

// A target's file is decoded and read in pieces cut at line ends: wherever
// the cuts fall (inside a block scalar, a quoted text over lines, between the
// bytes of a line's characters, at a CRLF, at the end of the file), the
// reader must give exactly what it gives on the whole text, declines
// included. Pieces of one byte make each line a piece of its own.

const sizesFor = (next: () => number) => [1, 2 + Math.floor(next() * 40), 16 + Math.floor(next() * 400)];
const shown = (value: unknown) => (value === undefined ? 'declined' : JSON.stringify(value));

/** The difference between reading `input` whole and in pieces of `size` bytes, or undefined. */
function piecesDisagreement(input: string, size: number): string | undefined {
  const whole = shown(parseSimpleYaml(input.replace(/^\ufeff/, '')));
  const pieces = shown(parseSimpleYaml(linePieces(Buffer.from(input), size)));
  return whole === pieces ? undefined : `${JSON.stringify(input)} in pieces of ${size}: ${pieces}, whole ${whole}`;
}

/** The same for a target's keys, streamed one by one. */
function streamedPiecesDisagreement(input: string, locale: string, size: number): string | undefined {
  const read = (file: Buffer | string, bytes?: number) => {
    const keys: string[] = [];
    const taken = streamYamlTarget(file, locale, { entry: (...key) => keys.push(key.join('|')) }, bytes);
    return taken ? JSON.stringify(keys) : 'declined';
  };
  const [whole, pieces] = [read(input), read(Buffer.from(input), size)];
  return whole === pieces ? undefined : `${JSON.stringify(input)} in pieces of ${size}: ${pieces}, whole ${whole}`;
}

describe('linePieces', () => {
  it('cuts after line breaks only, and the pieces decode to the whole text', () => {
    const next = random(SEED + 20);
    const words = ['a', 'key: value', 'é', '日本語', '😀', '\r', ' ', 'x'.repeat(50)];
    for (let run = 0; run < 500; run++) {
      const lines = Array.from({ length: Math.floor(next() * 12) }, () =>
        Array.from({ length: Math.floor(next() * 4) }, () => words[Math.floor(next() * words.length)]).join(''),
      );
      const text = lines.join(next() < 0.5 ? '\n' : '\r\n') + (next() < 0.5 ? '\n' : '');
      const bytes = Buffer.from(`${next() < 0.2 ? '\ufeff' : ''}${text}`);
      for (const size of sizesFor(next)) {
        const pieces = [...linePieces(bytes, size)];
        expect(pieces.join('')).toBe(text);
        expect(pieces.slice(0, -1).every((piece) => piece.endsWith('\n'))).toBe(true);
        // A piece passes its size only to end its line.
        for (const piece of pieces) {
          if (Buffer.byteLength(piece) > size) expect(piece.slice(0, -1)).not.toContain('\n');
        }
      }
    }
  });

  it('decodes bytes that are not UTF-8 as decoding the whole file does', () => {
    const bytes = Buffer.from([0x61, 0xe2, 0x0a, 0x62, 0xff, 0x0a, 0xe6, 0x97, 0x0a, 0xf0, 0x9f]);
    for (const size of [1, 2, 3, 5, 100]) expect([...linePieces(bytes, size)].join('')).toBe(bytes.toString('utf8'));
  });
});

describe('the fast reader fed pieces against the whole text', () => {
  it.each([
    [
      'a block scalar',
      'en:\n  a: |\n    one\n\n    two\n\n  b: >-\n    x\n    y\n  c: z\n',
      { a: 'one\n\ntwo\n', b: 'x y', c: 'z' },
    ],
    [
      'a quoted text over lines',
      "en:\n  a: \"one\n    two \\u00e9\"\n  b: 'it''s\n\n    here'\n",
      { a: 'one two é', b: "it's\nhere" },
    ],
    [
      'characters of several bytes',
      'en:\n  a: 日本語のテキスト\n  b: "é\n    😀"\n',
      { a: '日本語のテキスト', b: 'é 😀' },
    ],
    [
      'CRLF line breaks',
      'en:\r\n  a: |\r\n    x\r\n    y\r\n  b: "p\r\n    q"\r\n  c:\r\n    d: e\r\n',
      { a: 'x\ny\n', b: 'p q', c: { d: 'e' } },
    ],
    ['a block scalar ending the file', 'en:\n  a: x\n  b: |-\n    last\n', { a: 'x', b: 'last' }],
    ['a key whose mapping comes in the next piece', 'en:\n  a:\n    b: c\n  d:\n', { a: { b: 'c' }, d: null }],
    ['a byte order mark', '\ufeffen:\n  a: |\n    x\n', { a: 'x\n' }],
  ])('reads %s the same at every cut', (_, input, expected) => {
    expect(parseSimpleYaml(input.replace(/^\ufeff/, ''))).toEqual({ en: expected });
    expect(parse(input)).toEqual({ en: expected });
    for (let size = 1; size <= Buffer.byteLength(input) + 1; size++) {
      expect(piecesDisagreement(input, size)).toBeUndefined();
      expect(streamedPiecesDisagreement(input, 'en', size)).toBeUndefined();
    }
  });

  // Multi-byte characters whose last byte reads as a space in other encodings
  // ("à" ends in A0, NBSP is C2 A0, NEL is C2 85), next to quotes, escapes and
  // line ends: cut at every byte, none may be trimmed, split or decoded twice.
  it.each([
    [
      'texts ending in à, with NBSP and NEL',
      'fr:\n  a: voilà\n  b: "voilà"\n  c: \'voilà\'\n  d: "a\u00a0b"\n  e: x\u0085y\n  f: voilà \n  voilà: à\n',
      { a: 'voilà', b: 'voilà', c: 'voilà', d: 'a\u00a0b', e: 'x\u0085y', f: 'voilà', voilà: 'à' },
    ],
    [
      'Arabic, CJK and emoji, next to escapes',
      'ar:\n  a: مرحبا بالعالم\n  b: "\\u00e9é\\t日本"\n  c: 😀\n  d: "😀\\n😀"\n  e: 中文 # note\n  "é": \'😀\'\'s\'\n',
      { a: 'مرحبا بالعالم', b: 'éé\t日本', c: '😀', d: '😀\n😀', e: '中文', é: "😀's" },
    ],
    [
      'multi-byte characters over lines',
      'ja:\n  a: |\n    日本語\n    テキスト à\n  b: >-\n    voilà\n    😀\n  c: "voilà\n    là"\n',
      { a: '日本語\nテキスト à\n', b: 'voilà 😀', c: 'voilà là' },
    ],
    [
      'texts of spaces that are not ASCII',
      'fr:\n  a: \u00a0\n  b: " \u00a0 "\n  c: \u3000x\u3000\n',
      { a: '\u00a0', b: ' \u00a0 ', c: '\u3000x\u3000' },
    ],
  ])('reads %s the same at every cut, as yaml does', async (_, input, expected) => {
    const locale = input.slice(0, 2);
    expect(parse(input)).toEqual({ [locale]: expected });
    expect(parseSimpleYaml(input)).toEqual({ [locale]: expected });
    for (let size = 1; size <= Buffer.byteLength(input) + 1; size++) {
      expect(piecesDisagreement(input, size)).toBeUndefined();
      expect(streamedPiecesDisagreement(input, locale, size)).toBeUndefined();
    }
    expect(await bytesDisagreement(input, `config/locales/${locale}.yml`)).toBeUndefined();
  });

  it.each([
    ['a block scalar with no last line break', 'en:\n  a: |\n    x'],
    ['a quoted text never closed', 'en:\n  a: "one\n    two\n  b: c\n'],
    ['a block scalar whose blank line has too many spaces', 'en:\n  a: |\n    x\n      \n  b: c\n'],
  ])('declines %s at every cut, as it does whole', (_, input) => {
    expect(parseSimpleYaml(input)).toBeUndefined();
    for (let size = 1; size <= Buffer.byteLength(input) + 1; size++) {
      expect(parseSimpleYaml(linePieces(Buffer.from(input), size))).toBeUndefined();
    }
  });

  it('gives the same tree when the pieces are cut anywhere, within a line or a CRLF', () => {
    const next = random(SEED + 23);
    const problems: string[] = [];
    for (let run = 0; run < 2000; run++) {
      const input = run % 2 ? generateSimple(next) : generateMultiLine(next);
      const cuts = Array.from({ length: 1 + Math.floor(next() * 6) }, () => Math.floor(next() * input.length));
      const pieces = [0, ...cuts.sort((a, b) => a - b), input.length]
        .slice(1)
        .map((cut, at, all) => input.slice(at === 0 ? 0 : all[at - 1], cut));
      const [whole, cutAnywhere] = [shown(parseSimpleYaml(input)), shown(parseSimpleYaml(pieces))];
      if (whole !== cutAnywhere) problems.push(`${JSON.stringify(pieces)}: ${cutAnywhere}, whole ${whole}`);
    }
    expect(problems.slice(0, 3)).toEqual([]);
  });

  it('gives the same tree on every real locale file, in pieces of every size tried', async () => {
    const next = random(SEED + 21);
    const problems: string[] = [];
    for (const [name, text] of await deviseLocales()) {
      const locale = name.replace(/\.yml$/, '').replaceAll('_', '-');
      for (const size of sizesFor(next)) {
        problems.push(
          ...[piecesDisagreement(text, size), streamedPiecesDisagreement(text, locale, size)].flatMap((p) => p ?? []),
        );
      }
    }
    expect(problems.slice(0, 3)).toEqual([]);
  });

  it('gives the same tree, or declines as whole, on 4,000 generated documents at three piece sizes each', () => {
    const next = random(SEED + 22);
    const problems: string[] = [];
    let read = 0;
    for (let run = 0; run < 4000; run++) {
      const input = run % 2 ? generateSimple(next) : generateMultiLine(next);
      if (parseSimpleYaml(input) !== undefined) read++;
      for (const size of sizesFor(next)) {
        const problem = piecesDisagreement(input, size) ?? streamedPiecesDisagreement(input, 'en', size);
        if (problem) problems.push(problem);
      }
    }
    expect(problems.slice(0, 3)).toEqual([]);
    // The documents must reach the reader's paths often, or this test proves nothing.
    expect(read).toBeGreaterThan(1000);
  });
});

// The source and every file not streamed are read from their bytes too: the
// same keys, texts, problems and lines as from their text, whichever reader takes them.
async function bytesDisagreement(input: string, path: string): Promise<string | undefined> {
  const read = async (file: Buffer | string) => {
    const findings = { errors: [], duplicates: [], unrecognized: [] };
    const roots = await readLocaleFile(findings, path, file);
    const flats = (roots ?? []).map((root) => {
      const flat = createFlatLocale();
      flattenLocaleTree(flat, root.tree, root.prefix, true);
      return [root.locale, flat.parents, flat.leaves, flat.texts, [...flat.plurals].sort()];
    });
    return JSON.stringify([flats, findings]);
  };
  const [fromText, fromBytes] = [await read(input), await read(Buffer.from(input))];
  return fromText === fromBytes ? undefined : `${JSON.stringify(input)}: ${fromBytes}, from the text ${fromText}`;
}

describe('a locale file read from its bytes', () => {
  it('gives what its text gives, on every real locale file and 1,500 generated ones', async () => {
    const problems: string[] = [];
    for (const [name, text] of await deviseLocales()) {
      const problem = await bytesDisagreement(text, `config/locales/${name}`);
      if (problem) problems.push(problem);
    }
    const next = random(SEED + 24);
    for (let run = 0; run < 1500; run++) {
      const input = `${next() < 0.1 ? '\ufeff' : ''}${run % 2 ? generateSimple(next) : generateMultiLine(next)}`;
      const path = ['config/locales/en.yml', 'locales/en/app.yml', 'config/locales/misc.yml'][run % 3]!;
      const problem = await bytesDisagreement(input, path);
      if (problem) problems.push(problem);
    }
    expect(problems.slice(0, 3)).toEqual([]);
  });
});
