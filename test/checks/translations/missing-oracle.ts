import { load } from 'js-yaml';

// An independent computation of the keys each Rails locale misses, for the
// corpus tests: another YAML parser (js-yaml) and a plain recursive walk, with
// none of the check's code. Plural forms are asked for as the README says: the
// categories a locale selects for whole numbers up to 1000.

const CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
type Tree = Record<string, unknown>;

const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPluralTree = (value: unknown): value is Tree =>
  isTree(value) &&
  'other' in value &&
  Object.entries(value).every(([key, child]) => CATEGORIES.has(key) && !isTree(child));

/** locale (root key, canonicalized where the runtime can) -> its tree, over every file. */
export function localeTrees(texts: Iterable<string>): Map<string, Tree> {
  const trees = new Map<string, Tree>();
  for (const text of texts) {
    for (const [root, tree] of Object.entries(load(text, { json: true }) as Tree)) {
      trees.set(canonical(root), tree as Tree);
    }
  }
  return trees;
}

function canonical(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0]!;
  } catch {
    return tag;
  }
}

function requiredForms(locale: string): string[] {
  for (const candidate of [locale, locale.split('-')[0]!]) {
    let supported: string[] = [];
    try {
      supported = Intl.PluralRules.supportedLocalesOf(candidate, { localeMatcher: 'lookup' });
    } catch {}
    if (supported.length === 0) continue;
    const rules = new Intl.PluralRules(candidate);
    const used = new Set(['other']);
    for (let count = 0; count <= 1000; count++) used.add(rules.select(count));
    return rules.resolvedOptions().pluralCategories.filter((category) => used.has(category));
  }
  return ['other'];
}

/** The keys `target` misses against `source`, sorted. */
export function missingKeys(source: Tree, target: Tree, locale: string): string[] {
  const missing: string[] = [];
  const walk = (node: Tree, other: unknown, path: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      const here = [...path, key];
      const theirs = isTree(other) ? other[key] : undefined;
      if (isTree(value) && !isPluralTree(value)) {
        walk(value, theirs, here);
      } else if (theirs === undefined) {
        if (isPluralTree(value)) missing.push(...requiredForms(locale).map((form) => [...here, form].join('.')));
        else missing.push(here.join('.'));
      } else if (isTree(theirs)) {
        for (const form of requiredForms(locale)) if (!(form in theirs)) missing.push([...here, form].join('.'));
      }
    }
  };
  walk(source, target, []);
  return missing.sort();
}
