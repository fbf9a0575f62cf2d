import { comparePlaceholders, emptyReport, isBlank, type LocaleReport } from './findings.js';
import { type FlatLocale, pluralFormAt } from './flatten.js';
import { hasExactlyPlaceholders, icuPluralsLackingForms } from './placeholders.js';
import { type LocalePlurals, pluralsOf } from './plural-rules.js';
import { checkPluralForms, reportVariant, type TargetVariant, variantOf } from './plural-variants.js';
import { formSlot, formSlots, type SourceGroup, type SourceIndex } from './source-index.js';

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

/**
 * One target compared with the source as its keys come, in file order, one
 * key at a time: the target's keys need never be held, only what it has of
 * the source's (a mark per source key) and its findings.
 */
export class TargetComparison {
  private readonly report: LocaleReport;
  private readonly seen: Uint8Array;
  private readonly formTexts: (string | undefined)[];
  private readonly wholeGroupTexts = new Map<number, string>();
  private readonly variants = new Map<number, TargetVariant>();
  /** The last parent and the source's leaves under it: the keys of one mapping come together. */
  private parent: string | undefined;
  private leaves: Map<string, number> | undefined;
  /** The source's key after the last one found: where the target's next key most often is. */
  private next = 0;
  /** The locale's cardinal rules, asked once rather than for every group. */
  private cardinal: LocalePlurals | undefined;

  constructor(
    private readonly source: SourceIndex,
    private readonly locale: string,
    private readonly options: CompareOptions,
  ) {
    this.report = emptyReport(locale);
    this.seen = new Uint8Array(source.keys.length);
    this.formTexts = new Array(formSlots(source.groups.length));
  }

  /** The target's text of `parent.leaf` (`leaf` alone when `parent` is ''). */
  entry(parent: string, leaf: string, text: string): void {
    const { source, options, report } = this;
    if (parent !== this.parent) {
      // Comparing the path with the source's next one costs less than hashing it, a new string for each mapping.
      this.parent = parent;
      this.leaves = source.parentOf[this.next] === parent ? source.leavesOf[this.next] : source.positions.get(parent);
    }
    const { next, leaves } = this;
    const index =
      leaves !== undefined && source.leavesOf[next] === leaves && source.leafOf[next] === leaf
        ? next
        : leaves?.get(leaf);
    this.next = index === undefined ? 0 : index + 1;
    if (index === undefined) {
      this.otherEntry(parent, leaf, text);
      return;
    }
    if (source.groupOf[index] !== -1) {
      this.formTexts[source.slotOf[index]!] = text;
      return;
    }
    if (this.seen[index] === 1 || !this.inScope(index)) return;
    this.seen[index] = 1;
    if (isBlank(text)) {
      if (!options.allowEmpty && !isBlank(source.texts[index]!)) report.empty.push(source.keys[index]!);
      return;
    }
    if (options.previous?.get(source.keys[index]!) === text) report.outdated.push(source.keys[index]!);
    // One text, most often with exactly the source's placeholders: answered without allocating.
    const placeholders = options.placeholders ? source.placeholders(index) : undefined;
    const exact = placeholders !== undefined && hasExactlyPlaceholders(placeholders, text) === true;
    if (placeholders && !exact) comparePlaceholders(source.keys[index]!, placeholders, [text], report);
    // An ICU plural needs a brace, and a text with exactly no placeholders has none: not searched again.
    if (!(exact && placeholders.length === 0) && text.includes('plural'))
      for (const lack of icuPluralsLackingForms(text, this.locale))
        report.icuPlurals.push(`${source.keys[index]}: ${lack}`);
  }

  /** A key the source lacks: a plural form the source has no text for, a whole plural group, a variant, or stale. */
  private otherEntry(parent: string, leaf: string, text: string): void {
    const { source, options } = this;
    const form = pluralFormAt(parent, leaf, source.flat.plurals);
    if (form) {
      this.formTexts[formSlot(source.groupPositions.get(form.base)!, form.category)] = text;
      return;
    }
    const key = parent === '' ? leaf : `${parent}.${leaf}`;
    // Rails accepts a plain string where a count is passed: it serves every number.
    const whole = source.groupPositions.get(key);
    if (whole !== undefined) {
      this.wholeGroupTexts.set(whole, text);
      return;
    }
    const variant = variantOf(
      key,
      (base) => source.plainIndex(base),
      (index) => source.legacyPlurals.has(index),
    );
    if (variant) {
      const forms = this.variants.get(variant.index)?.forms ?? new Map<string, string>();
      this.variants.set(variant.index, { joiner: variant.joiner, forms: forms.set(variant.form, text) });
    } else if (options.stale && (options.removed ? options.removed.has(key) : true)) this.report.stale.push(key);
  }

  /** The report, once every key of the target has come. */
  finish(): LocaleReport {
    const { source, options, report, locale } = this;
    for (const index of source.plain) {
      if (this.seen[index] === 1 || !this.inScope(index)) continue;
      const variant = this.variants.get(index);
      if (variant) {
        reportVariant(locale, source.keys[index]!, source.pairPlaceholders(index), variant, options, report);
      } else if (!source.legacyCompanions.has(index) || this.needsLegacyPlural(index)) {
        report.missing.push(source.keys[index]!);
      }
    }
    for (let position = 0; position < source.groups.length; position++) {
      const group = source.groups[position]!;
      if (options.inScope && !group.forms.some((index) => this.inScope(index))) continue;
      const whole = this.wholeGroupTexts.get(position);
      const texts = whole === undefined ? this.compareForms(position, group) : [whole];
      if (whole !== undefined && isBlank(whole)) {
        if (!options.allowEmpty) report.empty.push(group.base);
      } else if (options.placeholders && texts.length) {
        comparePlaceholders(group.base, source.groupPlaceholders(group), texts, report);
      }
    }
    return report;
  }

  private inScope(index: number): boolean {
    return !this.options.inScope || this.options.inScope.has(this.source.keys[index]!);
  }

  /** Checks the forms of one group the target locale needs; returns the texts it has. */
  private compareForms(position: number, group: SourceGroup): string[] {
    this.cardinal ??= pluralsOf(this.locale);
    const plurals = group.ordinal ? pluralsOf(this.locale, 'ordinal') : this.cardinal;
    return checkPluralForms(
      group.base,
      group.joiner,
      plurals,
      (category) => this.formTexts[formSlot(position, category)],
      this.options,
      this.report,
    );
  }

  /**
   * Whether a target lacking `key_plural` misses it: not when its locale has a
   * single form (Japanese), nor when it writes numbered forms (`key_0`) instead.
   */
  private needsLegacyPlural(companion: number): boolean {
    const singular = this.source.legacyCompanions.get(companion)!;
    return pluralsOf(this.locale).required.length > 1 && !this.variants.has(singular);
  }
}

/** A target whose keys are all read already, compared the same way. */
export function compareLocale(source: SourceIndex, locale: string, target: FlatLocale, options: CompareOptions) {
  const comparison = new TargetComparison(source, locale, options);
  for (let position = 0; position < target.texts.length; position++) {
    comparison.entry(target.parents[position]!, target.leaves[position]!, target.texts[position]!);
  }
  return comparison.finish();
}
