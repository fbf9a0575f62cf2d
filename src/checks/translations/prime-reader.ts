// The fast reader's loop is hot for seconds on large projects, and V8
// optimizes it for what it has seen when it gets hot: the source file's lines,
// one kind of string (an English file decodes to one-byte strings), one
// builder. The first target then brings a two-byte string (Cyrillic, CJK), a
// quoted key, a block scalar or the targets' builder, and the optimized code
// is thrown away and made again, once per new kind: six times on the real
// devise-i18n files, 0.1–0.2 s of a 1.6 s check. So before the first large
// file, the reader reads a few small documents with every kind of line, in
// both string widths, through both builders, and V8 knows them all from the
// start. That costs about 5 ms: not worth it before small files only.
import { readFlatYaml } from './flat-yaml.js';
import { linePieces } from './line-pieces.js';
import { streamYamlTarget } from './stream-yaml-target.js';

const LINES = [
  '  # a comment',
  '  plain: text',
  '  number: 42',
  '  nothing:',
  '  tilde: ~',
  `  single: 'it''s'`,
  '  double: "say \\"%{name}\\"\\n"',
  '  "quoted key": value',
  `  'single key': value`,
  '  dotted.key: value',
  '  group:',
  '    one: "%{count} item"',
  '    other: "%{count} items"',
  '  literal: |',
  '    first line',
  '    second line',
  '  folded: >-',
  '    folded',
  '    text',
  '  over_lines: "a text',
  '    over two lines"',
  "  single_over_lines: 'a text",
  "    over two lines'",
];

/** Small documents with every kind of line the fast reader takes, in one-byte and two-byte strings. */
export const PRIMING_DOCUMENTS: readonly string[] = [
  `---\nen:\n${LINES.join('\n')}\n`,
  `en:\n${LINES.join('\n')}\n  wide: "Привет, %{name} 日本"\n`,
  `en:\n  wide: Привет 日本\n${LINES.join('\n')}\n`,
];

// V8 starts collecting a function's type feedback only once it has run a while (about eight calls' worth,
// Node 20 to 24): read a line at a time, each document calls the reader's loop once per line, twice over.
const ROUNDS = 2;
const LINE_AT_A_TIME = 1;

// A file this large keeps the reader's loop busy long enough for V8 to optimize it (about 5,000 lines).
const WORTH_PRIMING_BYTES = 256 * 1024;

let primed = false;

/** Before reading a file of `fileBytes`: reads the priming documents through both builders, once per process, if worth it. */
export function primeFastReaderFor(fileBytes: number): void {
  if (primed || fileBytes < WORTH_PRIMING_BYTES) return;
  primed = true;
  const ignore = { entry() {} };
  for (let round = 0; round < ROUNDS; round++) {
    for (const document of PRIMING_DOCUMENTS) {
      const bytes = Buffer.from(document);
      readFlatYaml(linePieces(bytes, LINE_AT_A_TIME));
      streamYamlTarget(bytes, 'en', ignore, LINE_AT_A_TIME);
    }
  }
}
