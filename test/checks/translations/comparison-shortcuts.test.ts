// The comparison's shortcuts must give the very answers of the long ways they
// replace: each is checked here against the long way, on real tags and keys
// and on generated ones.
import { describe, expect, it } from 'vitest';
import {
  createFlatLocale,
  type FlatLocale,
  flattenInto,
  keyAt,
  type PluralGroup,
  pluralFormAt,
  pluralFormOf,
  recycleFlatLocale,
} from '../../../src/checks/translations/flatten.js';
import { localeTag } from '../../../src/checks/translations/locale-path.js';
import { PLURAL_CATEGORIES, pluralsOf } from '../../../src/checks/translations/plural-rules.js';
import { deviseLocales } from './corpus.js';

/** localeTag as it was, asking Intl for every tag. */
function intlLocaleTag(token: string): string | undefined {
  const language = /^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*$/.exec(token)?.[1]?.toLowerCase();
  if (!language) return undefined;
  try {
    const canonical = Intl.getCanonicalLocales(token.replaceAll('_', '-'))[0];
    const isAlias = language.length === 3 && !canonical?.startsWith(language);
    return canonical && !isAlias && Intl.DateTimeFormat.supportedLocalesOf(canonical).length > 0
      ? canonical
      : undefined;
  } catch {
    return undefined;
  }
}

/** Every two-letter language, each alone and with the subtags locale files use, and some three-letter ones. */
function generatedTags(): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const tags: string[] = [];
  for (const first of letters) {
    for (const second of letters) {
      const language = first + second;
      tags.push(language, language.toUpperCase());
      for (const rest of [
        '-US',
        '_BR',
        '-br',
        '-Hans',
        '-hant-TW',
        '-Latn',
        '-Cyrl',
        '-419',
        '-XX',
        '-1901',
        '-u-ca-buddhist',
      ])
        tags.push(language + rest);
    }
  }
  return [...tags, 'fil', 'yue', 'cnr', 'pap', 'pap-AW', 'zh-YUE', 'src', 'app', 'nav', 'art-lojban', 'sh', 'iw', 'tl'];
}

describe('localeTag', () => {
  it('names the tags of the real locale files as Intl does', async () => {
    const files = await deviseLocales();
    const tags = [...files.keys()].map((name) => name.replace(/\.yml$/, ''));
    const rootKeys = [...files.values()].map((text) => /^([^\s:#]+):/m.exec(text)?.[1] ?? '');
    for (const tag of [...tags, ...rootKeys]) expect(localeTag(tag), tag).toBe(intlLocaleTag(tag));
    expect(localeTag('pt-BR')).toBe('pt-BR');
  });

  it('names generated tags as Intl does', () => {
    const differing = generatedTags().filter((tag) => localeTag(tag) !== intlLocaleTag(tag));
    expect(differing).toEqual([]);
  });
});

describe('pluralsOf', () => {
  it('gives every locale Intl has rules for the forms counting every number up to 1000 gives', () => {
    const languages = generatedTags().filter((tag) => /^[a-z]{2,3}$/.test(tag));
    const locales = [...Intl.PluralRules.supportedLocalesOf(languages), 'pt-PT', 'en-GB', 'zh-Hant'];
    expect(locales.length).toBeGreaterThan(100);
    for (const locale of locales) {
      for (const type of ['cardinal', 'ordinal'] as const) {
        const rules = new Intl.PluralRules(locale, { type });
        const used = new Set(['other', ...Array.from({ length: 1001 }, (_, count) => rules.select(count))]);
        const all = rules.resolvedOptions().pluralCategories;
        expect(pluralsOf(locale, type), `${type} ${locale}`).toEqual({
          required: all.filter((category) => used.has(category)),
          optional: all.filter((category) => !used.has(category)),
        });
      }
    }
  });
});

describe('pluralFormAt', () => {
  it('finds the plural form of `parent.leaf` as pluralFormOf finds that of the whole key', () => {
    const plurals = new Map<string, PluralGroup>([
      ['cart.items', { joiner: '.', ordinal: false }],
      ['cart.items_ordinal', { joiner: '_', ordinal: true }],
      ['count', { joiner: '_', ordinal: false }],
      ['ns:apples', { joiner: '_', ordinal: false }],
      ['a.b', { joiner: '_', ordinal: false }],
      ['x', { joiner: '.', ordinal: false }],
      // A key `_other` is no form of a group with an empty base: the key has nothing before its joiner.
      ['', { joiner: '_', ordinal: false }],
    ]);
    const parents = ['', 'cart', 'cart.items', 'a', 'a.b', 'ns:apples', 'x', 'cart.items_one'];
    const leaves = [
      ...['', '_', 'one', 'other', 'many', 'zero', 'x', 'other_', '_other', 'plural'],
      ...['items', 'items_one', 'items_other', 'items_ordinal_two', 'count_few', 'count_other', 'apples_one'],
      ...['b_other', 'b.c_one', 'items.one', 'b_verylongsuffix', 'count_', 'x.one'],
    ];
    let forms = 0;
    for (const parent of parents) {
      for (const leaf of leaves) {
        const key = parent === '' ? leaf : `${parent}.${leaf}`;
        const expected = pluralFormOf(key, plurals);
        if (expected) forms++;
        expect(pluralFormAt(parent, leaf, plurals), `${parent} | ${leaf}`).toEqual(expected);
      }
    }
    expect(forms).toBeGreaterThan(10);
    expect([...PLURAL_CATEGORIES].every((category) => pluralFormAt('cart.items', category, plurals))).toBe(true);
  });
});

describe('flattenInto', () => {
  it('lists the keys of each mapping in the order of Object.keys, integer keys first, `__proto__` as a key', () => {
    const tree = JSON.parse(
      '{"b": "1", "2": "two", "a": {"10": "ten", "1": "one", "x.y": "dotted"}, "__proto__": "proto", "0": {"z": ""}}',
    );
    const keys: string[] = [];
    const list = (node: Record<string, unknown>, prefix: string) => {
      for (const key of Object.keys(node)) {
        const value = node[key];
        if (typeof value === 'object' && value !== null) list(value as Record<string, unknown>, `${prefix}${key}.`);
        else keys.push(prefix + key);
      }
    };
    list(tree, '');
    const flat = createFlatLocale();
    flattenInto(flat, tree, '', false);
    expect(flat.texts.map((_, index) => keyAt(flat, index))).toEqual(keys);
    expect(keys.slice(0, 3)).toEqual(['0.z', '2', 'b']);
    expect(flat.texts).toEqual(['', 'two', '1', 'one', 'ten', 'dotted', 'proto']);
  });
});

describe('recycled flat locales', () => {
  const tree = (size: number, tag: string) => ({
    home: Object.fromEntries(Array.from({ length: size }, (_, key) => [`key${key}`, `${tag} ${key}`])),
    'dotted.key': `${tag} dotted`,
    plural: { one: `${tag} one`, other: `${tag} other` },
  });
  const fresh = (...trees: [unknown, string][]): FlatLocale => {
    const flat = createFlatLocale();
    for (const [node, prefix] of trees) flattenInto(flat, node, prefix, false);
    return flat;
  };

  it('reads the next target into the arrays of the last, with exactly its own keys', () => {
    for (const [first, second] of [
      [5000, 3000],
      [3000, 5000],
      [5000, 10],
    ]) {
      const earlier = fresh([tree(first!, 'fr'), '']);
      const arrays = earlier.texts;
      // Held weakly, but kept alive until this synchronous test returns (a WeakRef keeps its target for the job).
      recycleFlatLocale(earlier);
      const flat = fresh([tree(second!, 'de'), '']);
      expect(flat.texts === arrays).toBe(true);
      const expected = {
        ...createFlatLocale(),
        parents: [] as string[],
        leaves: [] as string[],
        texts: [] as string[],
      };
      flattenInto(expected, tree(second!, 'de'), '', false);
      expect([...flat.parents]).toEqual(expected.parents);
      expect([...flat.leaves]).toEqual(expected.leaves);
      expect([...flat.texts]).toEqual(expected.texts);
    }
  });

  it('adds a second file of the same locale after the first, and gives arrays only to an empty locale', () => {
    const earlier = fresh([tree(2000, 'fr'), '']);
    recycleFlatLocale(earlier);
    const flat = fresh([tree(3, 'de'), 'app:'], [tree(2, 'de'), 'common:']);
    expect(flat.texts === earlier.texts).toBe(true);
    const expected = createFlatLocale();
    for (const [node, prefix] of [
      [tree(3, 'de'), 'app:'],
      [tree(2, 'de'), 'common:'],
    ] as const)
      flattenInto(expected, node, prefix, false);
    expect(expected.texts === earlier.texts).toBe(false);
    expect([flat.parents, flat.leaves, flat.texts].map((list) => [...list])).toEqual([
      expected.parents,
      expected.leaves,
      expected.texts,
    ]);
    expect(flat.texts).toHaveLength(11);
    expect([flat.parents[3], flat.leaves[3], flat.parents[6]]).toEqual(['app:dotted', 'key', 'common:home']);
    expect(flat.texts.at(-1)).toBe('de other');
  });
});
