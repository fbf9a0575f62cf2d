import { union } from './findings.js';
import { type FlatLocale, keyAt, type PluralGroup, pluralFormAt, splitKey } from './flatten.js';
import { placeholdersOf } from './placeholders.js';
import { PLURAL_CATEGORIES } from './plural-rules.js';

const SLOT_CATEGORIES = [...PLURAL_CATEGORIES];

/** Where a comparison keeps a target's text of one form of the source's group at `group`: a slot per category. */
export const formSlot = (group: number, category: string): number =>
  group * SLOT_CATEGORIES.length + SLOT_CATEGORIES.indexOf(category);

/** The slots a comparison needs for the forms of `groups` groups. */
export const formSlots = (groups: number): number => groups * SLOT_CATEGORIES.length;

export interface SourceGroup extends PluralGroup {
  base: string;
  /** Indexes of the source's forms in SourceIndex.keys. */
  forms: number[];
  placeholders?: string[];
}

/**
 * The source locale indexed once for every target: key -> position, plain keys
 * and plural groups apart, so that each target is compared in one pass over its
 * own keys (see LocaleComparer).
 */
export class SourceIndex {
  readonly keys: string[] = [];
  readonly texts: string[] = [];
  readonly plain: number[] = [];
  readonly groups: SourceGroup[] = [];
  /** parent -> leaf -> position in keys. */
  readonly positions = new Map<string, Map<string, number>>();
  /** For each key, its leaf and its parent's entry in `positions`: a target listing its keys in the source's order finds each without hashing it. */
  readonly leafOf: string[] = [];
  readonly leavesOf: Map<string, number>[] = [];
  /** For each key, its parent: a target's next mapping, most often the source's, is found without hashing its path. */
  readonly parentOf: string[] = [];
  readonly groupPositions = new Map<string, number>();
  /** For each key, its group's position, or -1 for a plain key. */
  readonly groupOf: Int32Array;
  /** For each form of a group, its formSlot: a target's text of that key goes there without parsing the key. */
  readonly slotOf: Int32Array;
  /** i18next's older plural pairs: the position of `key` -> that of `key_plural`. */
  readonly legacyPlurals = new Map<number, number>();
  /** The other way round: `key_plural` -> `key`. */
  readonly legacyCompanions = new Map<number, number>();
  private readonly placeholderCache: (string[] | undefined)[];

  constructor(readonly flat: FlatLocale) {
    let last: string | undefined;
    let leaves = new Map<string, number>();
    for (let entry = 0; entry < flat.texts.length; entry++) {
      const parent = flat.parents[entry]!;
      // The keys of one mapping come together, sharing their parent: it is looked up once for them all.
      if (parent !== last) {
        last = parent;
        leaves = this.positions.get(parent) ?? new Map<string, number>();
        if (leaves.size === 0) this.positions.set(parent, leaves);
      }
      const known = leaves.get(flat.leaves[entry]!);
      if (known !== undefined) {
        this.texts[known] = flat.texts[entry]!;
        continue;
      }
      leaves.set(flat.leaves[entry]!, this.keys.length);
      this.leafOf.push(flat.leaves[entry]!);
      this.leavesOf.push(leaves);
      this.parentOf.push(parent);
      this.keys.push(keyAt(flat, entry));
      this.texts.push(flat.texts[entry]!);
    }
    this.groupOf = new Int32Array(this.keys.length).fill(-1);
    this.slotOf = new Int32Array(this.keys.length).fill(-1);
    for (let index = 0; index < this.keys.length; index++) {
      const form = pluralFormAt(this.parentOf[index]!, this.leafOf[index]!, flat.plurals);
      if (!form) {
        this.plain.push(index);
        continue;
      }
      let group = this.groupPositions.get(form.base);
      if (group === undefined) {
        group = this.groups.push({ base: form.base, ...form.group, forms: [] }) - 1;
        this.groupPositions.set(form.base, group);
      }
      this.groups[group]!.forms.push(index);
      this.groupOf[index] = group;
      this.slotOf[index] = formSlot(group, form.category);
    }
    for (const index of this.plain) {
      const key = this.keys[index]!;
      if (!key.endsWith('_plural')) continue;
      const singular = this.plainIndex(key.slice(0, -'_plural'.length));
      if (singular === undefined) continue;
      this.legacyPlurals.set(singular, index);
      this.legacyCompanions.set(index, singular);
    }
    this.placeholderCache = new Array(this.keys.length);
  }

  /** The position of `key` when the source has it as a plain key (no plural forms). */
  plainIndex(key: string): number | undefined {
    const { parent, leaf } = splitKey(key);
    const index = this.positions.get(parent)?.get(leaf);
    return index !== undefined && this.groupOf[index] === -1 ? index : undefined;
  }

  placeholders(index: number): string[] {
    this.placeholderCache[index] ??= placeholdersOf(this.texts[index]!);
    return this.placeholderCache[index];
  }

  /** Every placeholder of every form: `one` often leaves out `%{count}`. */
  groupPlaceholders(group: SourceGroup): string[] {
    group.placeholders ??= union(group.forms.map((index) => this.placeholders(index)));
    return group.placeholders;
  }

  /** The placeholders of a key and, for an i18next `key`/`key_plural` pair, of both. */
  pairPlaceholders(index: number): string[] {
    const companion = this.legacyPlurals.get(index);
    return companion === undefined
      ? this.placeholders(index)
      : union([this.placeholders(index), this.placeholders(companion)]);
  }
}
