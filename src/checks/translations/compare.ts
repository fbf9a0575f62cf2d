import { type FlatLocale, type PluralGroup, pluralFormOf } from './flatten.js';
import { describePlaceholderMismatch, placeholdersOf } from './placeholders.js';
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
}

export interface LocaleReport {
  locale: string;
  missing: string[];
  empty: string[];
  stale: string[];
  /** `key: missing %{name}; extra {name}` */
  placeholders: string[];
  /** Plural forms the locale has but only rare numbers use (French `many`): warnings. */
  rarePlurals: string[];
}

interface SourceGroup extends PluralGroup {
  base: string;
  /** The source's forms, category -> full key. */
  forms: Map<string, string>;
}

/** The source locale split into plain keys and plural groups, with placeholders cached across targets. */
export class SourceIndex {
  readonly plain: string[] = [];
  readonly groups: SourceGroup[] = [];
  private readonly placeholderCache = new Map<string, string[]>();

  constructor(readonly flat: FlatLocale) {
    const groups = new Map<string, SourceGroup>();
    for (const key of flat.values.keys()) {
      const form = pluralFormOf(key, flat.plurals);
      if (!form) {
        this.plain.push(key);
        continue;
      }
      const group = groups.get(form.base) ?? { base: form.base, ...form.group, forms: new Map<string, string>() };
      group.forms.set(form.category, key);
      groups.set(form.base, group);
    }
    this.groups = [...groups.values()];
  }

  placeholders(key: string): string[] {
    const cached = this.placeholderCache.get(key);
    if (cached) return cached;
    const found = placeholdersOf(this.flat.values.get(key) ?? '');
    this.placeholderCache.set(key, found);
    return found;
  }

  /** Whether `key` is a source key or a plural form of a source group (any category: extra forms are fine). */
  covers(key: string): boolean {
    return (
      this.flat.values.has(key) || this.flat.plurals.has(key) || pluralFormOf(key, this.flat.plurals) !== undefined
    );
  }
}

export function compareLocale(
  locale: string,
  source: SourceIndex,
  target: FlatLocale,
  options: CompareOptions,
): LocaleReport {
  const report: LocaleReport = { locale, missing: [], empty: [], stale: [], placeholders: [], rarePlurals: [] };
  const values = target.values;
  const isBlank = (text: string) => text.trim() === '';
  const emptyMatters = (sourceText: string) => !options.allowEmpty && !isBlank(sourceText);

  for (const key of source.plain) {
    if (options.inScope && !options.inScope.has(key)) continue;
    const text = values.get(key);
    if (text === undefined) report.missing.push(key);
    else if (isBlank(text) && emptyMatters(source.flat.values.get(key)!)) report.empty.push(key);
    else if (options.placeholders) comparePlaceholders(key, source.placeholders(key), [text], report);
  }

  for (const group of source.groups) {
    const sourceKeys = [...group.forms.values()];
    if (options.inScope && !sourceKeys.some((key) => options.inScope!.has(key))) continue;
    const sourcePlaceholders = union(sourceKeys.map((key) => source.placeholders(key)));
    // Rails accepts a plain string where a count is passed: it serves every number.
    const whole = values.get(group.base);
    if (whole !== undefined) {
      if (isBlank(whole) && !options.allowEmpty) report.empty.push(group.base);
      else if (options.placeholders) comparePlaceholders(group.base, sourcePlaceholders, [whole], report);
      continue;
    }
    const plurals = pluralsOf(locale, group.ordinal ? 'ordinal' : 'cardinal');
    const present: string[] = [];
    for (const category of plurals.required) {
      const key = group.base + group.joiner + category;
      const text = values.get(key);
      if (text === undefined) report.missing.push(key);
      else if (isBlank(text) && !options.allowEmpty) report.empty.push(key);
      else present.push(text);
    }
    for (const category of plurals.optional) {
      const key = group.base + group.joiner + category;
      const text = values.get(key);
      if (text === undefined && options.rarePlurals) report.rarePlurals.push(key);
      else if (text !== undefined) present.push(text);
    }
    if (options.placeholders && present.length) comparePlaceholders(group.base, sourcePlaceholders, present, report);
  }

  if (options.stale) {
    for (const key of values.keys()) {
      if (options.removed ? options.removed.has(key) : !source.covers(key)) report.stale.push(key);
    }
  }
  return report;
}

function comparePlaceholders(key: string, expected: string[], texts: string[], report: LocaleReport): void {
  if (expected.length === 0 && !texts.some((text) => text.includes('{') || text.includes('%<'))) return;
  const actual = union(texts.map(placeholdersOf));
  if (actual.length === expected.length && actual.every((token, index) => token === expected[index])) return;
  report.placeholders.push(`${key}: ${describePlaceholderMismatch(expected, actual)}`);
}

function union(lists: string[][]): string[] {
  if (lists.length === 1) return lists[0]!;
  return [...new Set(lists.flat())].sort();
}
