import { describe, expect, it } from 'vitest';
import { FlatYamlTree, readFlatYaml } from '../../../src/checks/translations/flat-yaml.js';
import { flattenLocaleTree } from '../../../src/checks/translations/flat-yaml-locale.js';
import { createFlatLocale, type FlatLocale, flattenInto } from '../../../src/checks/translations/flatten.js';
import { readLocaleFile } from '../../../src/checks/translations/load-locales.js';
import { parseSimpleYaml } from '../../../src/checks/translations/simple-yaml.js';
import { streamYamlTarget } from '../../../src/checks/translations/stream-yaml-target.js';
import { deviseLocales } from './corpus.js';
import { generateSimple } from './simple-documents.js';
import { disagreement, random, SEED, type Verdict } from './yaml-differential.js';

// The fast reader must never disagree with the full parser: for each input it
// returns the very tree `yaml` returns, or declines (undefined) and the check
// falls back to `yaml`. Checked on real files and on thousands of generated ones.

describe('the fast YAML reader against the yaml package', () => {
  it('returns the same tree on every real locale file, block scalars and quoted texts over lines included', async () => {
    const corpus = await deviseLocales();
    const verdicts = [...corpus.values()].map(disagreement).filter(Boolean);
    expect(verdicts).toEqual([]);
    // Each file declined sends twenty thousand keys to the slow parser at scale: none is.
    const declined = [...corpus].filter(([, text]) => parseSimpleYaml(text) === undefined).map(([name]) => name);
    expect(declined).toEqual([]);
  });

  it('returns the same tree or declines, on 5,000 generated documents', () => {
    const next = random(SEED);
    const verdicts: Verdict[] = [];
    let read = 0;
    for (let run = 0; run < 5000; run++) {
      const input = generateSimple(next);
      if (parseSimpleYaml(input) !== undefined) read++;
      const verdict = disagreement(input);
      if (verdict) verdicts.push(verdict);
    }
    expect(verdicts.slice(0, 5)).toEqual([]);
    // The generator must reach the fast path often, or this test proves nothing.
    expect(read).toBeGreaterThan(1000);
  });
});

// The flat reader skips the tree: the keys it gives must be those flattenInto
// finds in the tree, for the whole document and under each root key (Rails'
// `en:`), bare and under an i18next namespace, plural groups included.
function flatDisagreement(input: string): string | undefined {
  const flat = readFlatYaml(input);
  if (flat === undefined) return undefined;
  const tree = parseSimpleYaml(input);
  if (flat === null || tree === null || tree === undefined) {
    return flat === null && tree === null ? undefined : `${input}: flat ${flat} but tree ${JSON.stringify(tree)}`;
  }
  const entries = flat.document.rootEntries();
  if (JSON.stringify(entries.map(([key]) => key)) !== JSON.stringify(Object.keys(tree))) return `${input}: root keys`;
  const views: [unknown, unknown][] = [
    [flat, tree],
    ...entries.map(([key, value]) => [value, tree[key]] as [unknown, unknown]),
  ];
  for (const [view, node] of views) {
    if (!(view instanceof FlatYamlTree)) {
      if (JSON.stringify(view) !== JSON.stringify(node)) return `${input}: root value`;
      continue;
    }
    for (const prefix of ['', 'common:']) {
      const [fromFlat, fromTree] = [createFlatLocale(), createFlatLocale()];
      flattenLocaleTree(fromFlat, view, prefix, true);
      flattenInto(fromTree, node, prefix, true);
      const shown = (locale: typeof fromFlat) => JSON.stringify({ ...locale, plurals: [...locale.plurals].sort() });
      if (shown(fromFlat) !== shown(fromTree)) return `${input}: ${shown(fromFlat)} but ${shown(fromTree)}`;
    }
  }
  return undefined;
}

describe('the flat YAML reader against the tree the fast reader builds', () => {
  it('gives the same keys, texts and plural groups on every real locale file, and reads every one', async () => {
    const corpus = await deviseLocales();
    expect([...corpus.values()].map(flatDisagreement).filter(Boolean)).toEqual([]);
    const declined = [...corpus].filter(([, text]) => readFlatYaml(text) === undefined).map(([name]) => name);
    expect(declined).toEqual([]);
  });

  it('gives the same keys or declines, on 5,000 generated documents', () => {
    const next = random(SEED + 1);
    const problems: string[] = [];
    let read = 0;
    for (let run = 0; run < 5000; run++) {
      // Plural groups are rare in random keys: some documents nest one.
      const input =
        next() < 0.2
          ? `en:\n  items:\n    one: "1 item"\n    other: "%{count} items"\n${generateSimple(next)}`
          : generateSimple(next);
      if (readFlatYaml(input) !== undefined) read++;
      const problem = flatDisagreement(input);
      if (problem) problems.push(problem);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(read).toBeGreaterThan(1000);
  });
});

// A target's file may go key by key straight to its comparison: when the
// streaming reader takes a file, the keys it hands over must be those reading
// the file whole gives (one root naming the file's locale, no problem found),
// in the same order.
async function streamedDisagreement(input: string, locale: string): Promise<string | undefined> {
  const streamed = createFlatLocale();
  const taken = streamYamlTarget(input, locale, {
    entry(parent, leaf, text) {
      streamed.parents.push(parent);
      streamed.leaves.push(leaf);
      streamed.texts.push(text);
    },
  });
  if (!taken) return undefined;
  const findings = { errors: [], duplicates: [], unrecognized: [] };
  const roots = (await readLocaleFile(findings, `config/locales/${locale}.yml`, input)) ?? [];
  const whole: FlatLocale = createFlatLocale();
  for (const root of roots) flattenLocaleTree(whole, root.tree, root.prefix, false);
  const shown = (flat: FlatLocale) => JSON.stringify([flat.parents, flat.leaves, flat.texts]);
  const problems = findings.errors.length + findings.duplicates.length + findings.unrecognized.length;
  if (roots.length !== 1 || roots[0]!.locale !== locale || problems > 0)
    return `${input}: taken, but read whole differs`;
  return shown(streamed) === shown(whole) ? undefined : `${input}: ${shown(streamed)} but ${shown(whole)}`;
}

describe('the streaming reader of a target file against reading it whole', () => {
  it('hands over the same keys or declines, on every real locale file, and takes all but four', async () => {
    const corpus = await deviseLocales();
    const problems: string[] = [];
    let taken = 0;
    for (const [name, text] of corpus) {
      const locale = name.replace(/\.yml$/, '').replaceAll('_', '-');
      const problem = await streamedDisagreement(text, locale);
      if (problem) problems.push(problem);
      if (streamYamlTarget(text, locale, { entry() {} })) taken++;
    }
    expect(problems).toEqual([]);
    // pap-AW, pap-CW, tl and zh-YUE name their locale by a tag the file name alone does not resolve: read whole.
    expect(taken).toBe(corpus.size - 4);
  });

  it('hands over the same keys or declines, on 3,000 generated documents under `fr:`', async () => {
    const next = random(SEED + 2);
    const problems: string[] = [];
    let taken = 0;
    for (let run = 0; run < 3000; run++) {
      const body = generateSimple(next)
        .split('\n')
        .map((line) => (line ? `  ${line}` : line))
        .join('\n');
      // Now and then a dotted key, a BOM, a root scalar or a second root.
      const extra = ['', '', '', '  a.b: dotted\n', 'de:\n  a: A\n', 'es: solo\n'][Math.floor(next() * 6)];
      const input = `${next() < 0.05 ? '\ufeff' : ''}fr:\n${body}${body.endsWith('\n') ? '' : '\n'}${extra}`;
      if (streamYamlTarget(input, 'fr', { entry() {} })) taken++;
      const problem = await streamedDisagreement(input, 'fr');
      if (problem) problems.push(problem);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(taken).toBeGreaterThan(300);
  });

  it('declines a root scalar, a second root, another locale and an empty file', () => {
    const declines = ['fr: hello\n', 'fr:\n  a: A\nde:\n  a: A\n', 'de:\n  a: A\n', '', 'fr:\n'];
    expect(declines.filter((input) => streamYamlTarget(input, 'fr', { entry() {} }))).toEqual([]);
  });
});
