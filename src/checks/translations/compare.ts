import { comparePlaceholders, emptyReport, isBlank, type LocaleReport } from './findings.js';
import { type FlatLocale, keyAt, pluralFormOf } from './flatten.js';
import { hasExactlyPlaceholders, icuPluralsLackingForms } from './placeholders.js';
import { pluralsOf } from './plural-rules.js';
import { checkPluralForms, reportVariant, type TargetVariant, variantOf } from './plural-variants.js';
import type { SourceGroup, SourceIndex } from './source-index.js';

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

/**
 * Compares targets with the source, one pass over each target's keys, marking
 * what it has with a per-target stamp instead of building a map of it.
 */
export class LocaleComparer {
  private readonly seen: Int32Array;
  private readonly formSeen: Int32Array;
  private readonly formTexts: string[];
  private stamp = 0;

  constructor(private readonly source: SourceIndex) {
    this.seen = new Int32Array(source.keys.length);
    this.formSeen = new Int32Array(source.groups.length * CATEGORIES.length);
    this.formTexts = new Array(this.formSeen.length);
  }

  compare(locale: string, target: FlatLocale, options: CompareOptions): LocaleReport {
    const report = emptyReport(locale);
    const { source } = this;
    const stamp = ++this.stamp;
    const wholeGroupTexts = new Map<number, string>();
    const variants = new Map<number, TargetVariant>();
    const isLegacyBase = (index: number) => source.legacyPlurals.has(index);
    const inScope = (index: number) => !options.inScope || options.inScope.has(source.keys[index]!);

    let parent: string | undefined;
    let leaves: Map<string, number> | undefined;
    for (let position = 0; position < target.texts.length; position++) {
      if (target.parents[position] !== parent) {
        parent = target.parents[position]!;
        leaves = source.positions.get(parent);
      }
      const text = target.texts[position]!;
      const index = leaves?.get(target.leaves[position]!);
      const group = index === undefined ? undefined : source.groupOf[index]!;
      if (index !== undefined && group === -1) {
        if (this.seen[index] === stamp || !inScope(index)) continue;
        this.seen[index] = stamp;
        if (isBlank(text)) {
          if (!options.allowEmpty && !isBlank(source.texts[index]!)) report.empty.push(source.keys[index]!);
        } else {
          if (options.previous?.get(source.keys[index]!) === text) report.outdated.push(source.keys[index]!);
          // One text, most often with exactly the source's placeholders: answered without allocating.
          const placeholders = options.placeholders ? source.placeholders(index) : undefined;
          if (placeholders && !hasExactlyPlaceholders(placeholders, text))
            comparePlaceholders(source.keys[index]!, placeholders, [text], report);
          if (text.includes('plural'))
            for (const lack of icuPluralsLackingForms(text, locale))
              report.icuPlurals.push(`${source.keys[index]}: ${lack}`);
        }
        continue;
      }
      const key = keyAt(target, position);
      const form = pluralFormOf(key, source.flat.plurals);
      if (form) {
        const slot = source.groupPositions.get(form.base)! * CATEGORIES.length + CATEGORIES.indexOf(form.category);
        this.formSeen[slot] = stamp;
        this.formTexts[slot] = text;
        continue;
      }
      // Rails accepts a plain string where a count is passed: it serves every number.
      const whole = source.groupPositions.get(key);
      if (whole !== undefined) {
        wholeGroupTexts.set(whole, text);
        continue;
      }
      const variant = variantOf(key, (base) => source.plainIndex(base), isLegacyBase);
      if (variant) {
        const forms = variants.get(variant.index)?.forms ?? new Map<string, string>();
        variants.set(variant.index, { joiner: variant.joiner, forms: forms.set(variant.form, text) });
      } else if (options.stale && (options.removed ? options.removed.has(key) : true)) report.stale.push(key);
    }

    for (const index of source.plain) {
      if (this.seen[index] === stamp || !inScope(index)) continue;
      const variant = variants.get(index);
      if (variant) {
        reportVariant(locale, source.keys[index]!, source.pairPlaceholders(index), variant, options, report);
      } else if (!source.legacyCompanions.has(index) || this.needsLegacyPlural(locale, index, variants)) {
        report.missing.push(source.keys[index]!);
      }
    }
    for (const [position, group] of source.groups.entries()) {
      if (options.inScope && !group.forms.some(inScope)) continue;
      const whole = wholeGroupTexts.get(position);
      const texts = whole === undefined ? this.compareForms(locale, position, group, options, report) : [whole];
      if (whole !== undefined && isBlank(whole)) {
        if (!options.allowEmpty) report.empty.push(group.base);
      } else if (options.placeholders && texts.length) {
        comparePlaceholders(group.base, source.groupPlaceholders(group), texts, report);
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
    return checkPluralForms(
      group.base,
      group.joiner,
      plurals,
      (category) => {
        const slot = position * CATEGORIES.length + CATEGORIES.indexOf(category);
        return this.formSeen[slot] === this.stamp ? this.formTexts[slot] : undefined;
      },
      options,
      report,
    );
  }

  /**
   * Whether a target lacking `key_plural` misses it: not when its locale has a
   * single form (Japanese), nor when it writes numbered forms (`key_0`) instead.
   */
  private needsLegacyPlural(locale: string, companion: number, variants: Map<number, TargetVariant>): boolean {
    const singular = this.source.legacyCompanions.get(companion)!;
    return pluralsOf(locale).required.length > 1 && !variants.has(singular);
  }
}
