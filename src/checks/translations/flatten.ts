import { PLURAL_CATEGORIES } from './plural-rules.js';

/** A key whose values vary by count, found in the source locale. */
export interface PluralGroup {
  /** How a category joins the base key: `items.one` (Rails, nested JSON) or `items_one` (i18next). */
  joiner: '.' | '_';
  /** i18next `_ordinal_` keys follow ordinal rules ("1st, 2nd"), not cardinal ones. */
  ordinal: boolean;
}

/**
 * Every translation of one locale in file order. A key
 * (`home.cta.label`, `ns:` first for i18next namespaces) is kept as its parent
 * (`home.cta`) and leaf (`label`): the leaves of one object share one parent
 * string, so fifty locales of twenty thousand keys are compared without building
 * and hashing a million key strings.
 */
export interface FlatLocale {
  parents: string[];
  leaves: string[];
  texts: string[];
  /** Plural groups by base key; only collected for the source locale. */
  plurals: Map<string, PluralGroup>;
}

export const createFlatLocale = (): FlatLocale => ({ parents: [], leaves: [], texts: [], plurals: new Map() });

export function keyAt(flat: FlatLocale, index: number): string {
  const parent = flat.parents[index]!;
  return parent === '' ? flat.leaves[index]! : `${parent}.${flat.leaves[index]}`;
}

/** `key` as its parent and leaf: split at its last dot, the one form every file style (nested, flat dotted, namespaced) agrees on. */
export function splitKey(key: string): { parent: string; leaf: string } {
  const dot = key.lastIndexOf('.');
  return dot === -1 ? { parent: '', leaf: key } : { parent: key.slice(0, dot), leaf: key.slice(dot + 1) };
}

export function addKey(into: FlatLocale, key: string, text: string): void {
  const { parent, leaf } = splitKey(key);
  into.parents.push(parent);
  into.leaves.push(leaf);
  into.texts.push(text);
}

/** The arrays of a compared target, to be filled again by the next flattenInto. */
let spare: WeakRef<Pick<FlatLocale, 'parents' | 'leaves' | 'texts'>> | undefined;

/**
 * Hands the arrays of a target compared and dropped to the next flattenInto
 * of an empty locale. Fresh arrays cost far more than filling them (for fifty
 * JSON locales of twenty thousand keys, a quarter of a second: new memory is
 * paged in, and arrays that grow are copied by the young-generation GC), so
 * each target's keys go where the last one's were. `flat` must not be read
 * again.
 */
export function recycleFlatLocale(flat: FlatLocale): void {
  // Held weakly: once no target is left to read, the arrays and the texts they still point to are garbage.
  spare = new WeakRef({ parents: flat.parents, leaves: flat.leaves, texts: flat.texts });
}

/** Where walk writes: arrays filled by index from `length` on (a spare array is longer), cut to it at the end. */
interface Writer extends Pick<FlatLocale, 'parents' | 'leaves' | 'texts' | 'plurals'> {
  length: number;
}

/** Adds the leaves of `tree` to `into`; empty and null values become ''. */
export function flattenInto(into: FlatLocale, tree: unknown, prefix: string, collectPlurals: boolean): void {
  if (!isObject(tree)) {
    if (prefix) addKey(into, prefix.endsWith(':') ? prefix.slice(0, -1) : prefix, leafText(tree));
    return;
  }
  const arrays = into.texts.length === 0 ? spare?.deref() : undefined;
  if (arrays) {
    Object.assign(into, arrays);
    spare = undefined;
  }
  const writer: Writer = { ...into, length: arrays ? 0 : into.texts.length };
  try {
    walk(writer, tree, prefix, collectPlurals);
  } finally {
    into.parents.length = into.leaves.length = into.texts.length = writer.length;
  }
}

function walk(into: Writer, node: Record<string, unknown>, prefix: string, collectPlurals: boolean): void {
  if (collectPlurals && prefix && isNestedPluralGroup(node, Object.keys(node))) {
    into.plurals.set(prefix, { joiner: '.', ordinal: false });
  }
  const separator = prefix === '' || prefix.endsWith(':') ? '' : '.';
  // for…in with an own-key test lists the keys of Object.keys, in its order, without building the list and
  // reads each value through the object's key cache: every mapping of a locale has keys of its own.
  for (const key in node) {
    if (!Object.hasOwn(node, key)) continue;
    const value = node[key];
    if (isObject(value) && typeof value.defaultMessage !== 'string') {
      walk(into, value, prefix + separator + key, collectPlurals);
      continue;
    }
    // FormatJS extracted messages: `{ "id": { "defaultMessage": "…", "description": "…" } }`.
    const text = isObject(value) ? (value.defaultMessage as string) : leafText(value);
    if (separator === '.' && !key.includes('.')) {
      put(into, prefix, key, text);
    } else {
      const { parent, leaf } = splitKey(prefix + separator + key);
      put(into, parent, leaf, text);
    }
  }
}

function put(into: Writer, parent: string, leaf: string, text: string): void {
  const at = into.length++;
  into.parents[at] = parent;
  into.leaves[at] = leaf;
  into.texts[at] = text;
}

function isNestedPluralGroup(node: Record<string, unknown>, keys: string[]): boolean {
  if (!keys.includes('other')) return false;
  return keys.every((key) => PLURAL_CATEGORIES.has(key) && !isObject(node[key]));
}

// i18next writes plural forms as sibling keys: `items_one`, `items_other`, `place_ordinal_two`.
/** Adds i18next suffix plural groups, once every file of the locale is flattened. */
export function collectSuffixPlurals(into: FlatLocale): void {
  for (let index = 0; index < into.leaves.length; index++) {
    if (!into.leaves[index]!.endsWith('_other')) continue;
    const base = keyAt(into, index).slice(0, -'_other'.length);
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

/**
 * pluralFormOf for the key `parent.leaf`, without joining it: asked for every
 * key of the source and for each target key the source lacks. A leaf holds no
 * dot, as FlatLocale and the streamed targets split keys; one that does is
 * joined and asked the long way.
 */
export function pluralFormAt(
  parent: string,
  leaf: string,
  plurals: Map<string, PluralGroup>,
): { base: string; category: string; group: PluralGroup } | undefined {
  if (leaf.includes('.')) return pluralFormOf(parent === '' ? leaf : `${parent}.${leaf}`, plurals);
  if (parent !== '' && PLURAL_CATEGORIES.has(leaf)) {
    const group = plurals.get(parent);
    if (group?.joiner === '.') return { base: parent, category: leaf, group };
  }
  // Past the last `_`, only a category (`other`, five letters at most) can follow.
  const at = leaf.lastIndexOf('_');
  if (at === -1 || leaf.length - at > 6 || (at === 0 && parent === '')) return undefined;
  const category = leaf.slice(at + 1);
  if (!PLURAL_CATEGORIES.has(category)) return undefined;
  const base = parent === '' ? leaf.slice(0, at) : `${parent}.${leaf.slice(0, at)}`;
  const group = plurals.get(base);
  return group?.joiner === '_' ? { base, category, group } : undefined;
}

function leafText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(leafText).filter(Boolean).join('\n');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
