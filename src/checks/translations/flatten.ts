import { PLURAL_CATEGORIES } from './plural-rules.js';

/** A key whose values vary by count, found in the source locale. */
export interface PluralGroup {
  /** How a category joins the base key: `items.one` (Rails, nested JSON) or `items_one` (i18next). */
  joiner: '.' | '_';
  /** i18next `_ordinal_` keys follow ordinal rules ("1st, 2nd"), not cardinal ones. */
  ordinal: boolean;
}

/** Every translation of one locale, by dotted key (`ns:` first for i18next namespaces). */
export interface FlatLocale {
  values: Map<string, string>;
  /** Plural groups by base key; only collected for the source locale. */
  plurals: Map<string, PluralGroup>;
}

export const createFlatLocale = (): FlatLocale => ({ values: new Map(), plurals: new Map() });

/** Adds the leaves of `tree` to `into`; empty and null values become ''. */
export function flattenInto(into: FlatLocale, tree: unknown, prefix: string, collectPlurals: boolean): void {
  if (!isObject(tree)) {
    if (prefix) into.values.set(prefix.endsWith(':') ? prefix.slice(0, -1) : prefix, leafText(tree));
    return;
  }
  walk(into, tree, prefix, collectPlurals);
}

function walk(into: FlatLocale, node: Record<string, unknown>, prefix: string, collectPlurals: boolean): void {
  const keys = Object.keys(node);
  if (collectPlurals && prefix && isNestedPluralGroup(node, keys))
    into.plurals.set(prefix, { joiner: '.', ordinal: false });
  const separator = prefix === '' || prefix.endsWith(':') ? '' : '.';
  for (const key of keys) {
    const value = node[key];
    const path = prefix + separator + key;
    if (isObject(value)) {
      // FormatJS extracted messages: `{ "id": { "defaultMessage": "…", "description": "…" } }`.
      if (typeof value.defaultMessage === 'string') into.values.set(path, value.defaultMessage);
      else walk(into, value, path, collectPlurals);
    } else {
      into.values.set(path, leafText(value));
    }
  }
}

function isNestedPluralGroup(node: Record<string, unknown>, keys: string[]): boolean {
  if (!keys.includes('other')) return false;
  return keys.every((key) => PLURAL_CATEGORIES.has(key) && !isObject(node[key]));
}

// i18next writes plural forms as sibling keys: `items_one`, `items_other`, `place_ordinal_two`.
/** Adds i18next suffix plural groups, once every file of the locale is flattened. */
export function collectSuffixPlurals(into: FlatLocale): void {
  for (const key of into.values.keys()) {
    if (!key.endsWith('_other')) continue;
    const base = key.slice(0, -'_other'.length);
    if (base && !into.plurals.has(base)) into.plurals.set(base, { joiner: '_', ordinal: base.endsWith('_ordinal') });
  }
}

/** The plural group `key` is a form of, as its base key and category. */
export function pluralFormOf(
  key: string,
  plurals: Map<string, PluralGroup>,
): { base: string; category: string; group: PluralGroup } | undefined {
  for (const joiner of ['.', '_'] as const) {
    const at = key.lastIndexOf(joiner);
    if (at <= 0) continue;
    const category = key.slice(at + 1);
    if (!PLURAL_CATEGORIES.has(category)) continue;
    const base = key.slice(0, at);
    const group = plurals.get(base);
    if (group?.joiner === joiner) return { base, category, group };
  }
  return undefined;
}

function leafText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(leafText).filter(Boolean).join('\n');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
