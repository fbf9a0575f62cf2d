import { comparePlaceholders, emptyReport, isBlank, type LocaleReport, union } from './findings.js';
import { type FlatLocale, keyAt, type PluralGroup, pluralFormOf } from './flatten.js';
import { icuPluralsLackingForms, placeholdersOf } from './placeholders.js';
import { pluralsOf } from './plural-rules.js';

export interface CompareOptions {
  allowEmpty: boolean;
  placeholders: boolean;
  stale: boolean;
  /** Report absent rare plural forms (French `many`). */
  rarePlurals: boolean;
  /** Source keys to compare (scope `batch`); undefined compares them all. */
  inScope?: ReadonlySet<string>;
  /** In scope `batch`, only keys the batch removed from the source are reported stale. */
  removed?: ReadonlySet<string>;
  /** In scope `batch`, the target's production text of keys whose source text the batch rewords. */
  previous?: ReadonlyMap<string, string>;
}

const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];

export interface SourceGroup extends PluralGroup {
  base: string;
  /** Indexes of the source's forms in SourceIndex.keys. */
  forms: number[];
  placeholders?: string[];
}

/**
 * The source locale indexed once for every target: key -> position, plain keys
 * and plural groups apart. A target is compared in one pass over its own keys,
 * marking what it has with a per-target stamp instead of building a map of it.
 */
export class SourceIndex {
  readonly keys: string[] = [];
  readonly texts: string[] = [];
  readonly plain: number[] = [];
  readonly groups: SourceGroup[] = [];
  /** parent -> leaf -> position in keys. */
  private readonly positions = new Map<string, Map<string, number>>();
  private readonly groupPositions = new Map<string, number>();
  /** For each key, its group's position, or -1 for a plain key. */
  private readonly groupOf: Int32Array;
  private readonly placeholderCache: (string[] | undefined)[];
  private readonly seen: Int32Array;
  private readonly formSeen: Int32Array;
  private readonly formTexts: string[];
  private stamp = 0;

  constructor(private readonly flat: FlatLocale) {
    for (let entry = 0; entry < flat.texts.length; entry++) {
      const parent = flat.parents[entry]!;
      const leaves = this.positions.get(parent) ?? new Map<string, number>();
      this.positions.set(parent, leaves);
      const known = leaves.get(flat.leaves[entry]!);
      if (known !== undefined) {
        this.texts[known] = flat.texts[entry]!;
        continue;
      }
      leaves.set(flat.leaves[entry]!, this.keys.length);
      this.keys.push(keyAt(flat, entry));
      this.texts.push(flat.texts[entry]!);
    }
    this.groupOf = new Int32Array(this.keys.length).fill(-1);
    for (const [index, key] of this.keys.entries()) {
      const form = pluralFormOf(key, flat.plurals);
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
    }
    this.placeholderCache = new Array(this.keys.length);
    this.seen = new Int32Array(this.keys.length);
    this.formSeen = new Int32Array(this.groups.length * CATEGORIES.length);
    this.formTexts = new Array(this.formSeen.length);
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

  compare(locale: string, target: FlatLocale, options: CompareOptions): LocaleReport {
    const report = emptyReport(locale);
    const stamp = ++this.stamp;
    const wholeGroupTexts = new Map<number, string>();
    const inScope = (index: number) => !options.inScope || options.inScope.has(this.keys[index]!);

    let parent: string | undefined;
    let leaves: Map<string, number> | undefined;
    for (let position = 0; position < target.texts.length; position++) {
      if (target.parents[position] !== parent) {
        parent = target.parents[position]!;
        leaves = this.positions.get(parent);
      }
      const text = target.texts[position]!;
      const index = leaves?.get(target.leaves[position]!);
      const group = index === undefined ? undefined : this.groupOf[index]!;
      if (index !== undefined && group === -1) {
        if (this.seen[index] === stamp || !inScope(index)) continue;
        this.seen[index] = stamp;
        if (isBlank(text)) {
          if (!options.allowEmpty && !isBlank(this.texts[index]!)) report.empty.push(this.keys[index]!);
        } else {
          if (options.previous?.get(this.keys[index]!) === text) report.outdated.push(this.keys[index]!);
          if (options.placeholders) comparePlaceholders(this.keys[index]!, this.placeholders(index), [text], report);
          for (const lack of icuPluralsLackingForms(text, locale))
            report.icuPlurals.push(`${this.keys[index]}: ${lack}`);
        }
        continue;
      }
      const key = keyAt(target, position);
      const form = pluralFormOf(key, this.flat.plurals);
      if (form) {
        const slot = this.groupPositions.get(form.base)! * CATEGORIES.length + CATEGORIES.indexOf(form.category);
        this.formSeen[slot] = stamp;
        this.formTexts[slot] = text;
        continue;
      }
      // Rails accepts a plain string where a count is passed: it serves every number.
      const whole = this.groupPositions.get(key);
      if (whole !== undefined) wholeGroupTexts.set(whole, text);
      else if (options.stale && (options.removed ? options.removed.has(key) : true)) report.stale.push(key);
    }

    for (const index of this.plain) {
      if (this.seen[index] !== stamp && inScope(index)) report.missing.push(this.keys[index]!);
    }
    for (const [position, group] of this.groups.entries()) {
      if (options.inScope && !group.forms.some(inScope)) continue;
      const whole = wholeGroupTexts.get(position);
      const texts = whole === undefined ? this.compareForms(locale, position, group, options, report) : [whole];
      if (whole !== undefined && isBlank(whole)) {
        if (!options.allowEmpty) report.empty.push(group.base);
      } else if (options.placeholders && texts.length) {
        comparePlaceholders(group.base, this.groupPlaceholders(group), texts, report);
      }
    }
    return report;
  }

  /** Checks the forms of one group the target locale needs; returns the texts it has. */
  private compareForms(
    locale: string,
    position: number,
    group: SourceGroup,
    options: CompareOptions,
    report: LocaleReport,
  ): string[] {
    const plurals = pluralsOf(locale, group.ordinal ? 'ordinal' : 'cardinal');
    const present: string[] = [];
    for (const [required, categories] of [
      [true, plurals.required],
      [false, plurals.optional],
    ] as const) {
      for (const category of categories) {
        const slot = position * CATEGORIES.length + CATEGORIES.indexOf(category);
        const key = group.base + group.joiner + category;
        if (this.formSeen[slot] !== this.stamp) {
          if (required) report.missing.push(key);
          else if (options.rarePlurals) report.rarePlurals.push(key);
        } else if (isBlank(this.formTexts[slot]!)) {
          if (required && !options.allowEmpty) report.empty.push(key);
        } else {
          present.push(this.formTexts[slot]!);
        }
      }
    }
    return present;
  }
}
