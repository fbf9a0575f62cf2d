// Plural forms that do not line up between source and target: a target may
// write plural forms where the source has one string (Arabic and Slavic
// locales often do for `other_than: {zero, one, two, few, many, other}`), and
// i18next's older format pairs `key` with `key_plural` (or `key_0`, `key_1`…).
import { comparePlaceholders, isBlank, type LocaleReport } from './findings.js';
import { type LocalePlurals, PLURAL_CATEGORIES, pluralsOf } from './plural-rules.js';

export interface FormOptions {
  allowEmpty: boolean;
  placeholders: boolean;
  rarePlurals: boolean;
}

/** Checks the forms `plurals` asks for against those the target has; returns the texts present. */
export function checkPluralForms(
  base: string,
  joiner: string,
  plurals: LocalePlurals,
  textOf: (category: string) => string | undefined,
  options: FormOptions,
  report: LocaleReport,
): string[] {
  const present: string[] = [];
  for (const category of plurals.required) {
    const text = textOf(category);
    if (text === undefined) report.missing.push(base + joiner + category);
    else if (!isBlank(text)) present.push(text);
    else if (!options.allowEmpty) report.empty.push(base + joiner + category);
  }
  for (const category of plurals.optional) {
    const text = textOf(category);
    if (text === undefined) {
      if (options.rarePlurals) report.rarePlurals.push(base + joiner + category);
    } else if (!isBlank(text)) present.push(text);
  }
  return present;
}

/** The plural forms a target writes for one source key that has none. */
export interface TargetVariant {
  joiner: '.' | '_';
  forms: Map<string, string>;
}

const LEGACY_FORM = /^(?:plural|\d)$/;

/** `key` split as `base` + joiner + form, when it is a plural form of a plain source key `indexOf` finds. */
export function variantOf(
  key: string,
  indexOf: (base: string) => number | undefined,
  isLegacyBase: (index: number) => boolean,
): { index: number; joiner: '.' | '_'; form: string } | undefined {
  for (const joiner of ['.', '_'] as const) {
    const at = key.lastIndexOf(joiner);
    if (at <= 0) continue;
    const form = key.slice(at + 1);
    const isCategory = PLURAL_CATEGORIES.has(form);
    if (!isCategory && !(joiner === '_' && LEGACY_FORM.test(form))) continue;
    const index = indexOf(key.slice(0, at));
    if (index !== undefined && (isCategory || isLegacyBase(index))) return { index, joiner, form };
  }
  return undefined;
}

/**
 * Reports the forms a target wrote for the plain source key `key`. Once it
 * splits a text by count, Rails needs every form its locale selects, so they
 * are required as for a source plural; i18next's numbered forms (`key_0`)
 * follow its own tables and are taken as they are.
 */
export function reportVariant(
  locale: string,
  key: string,
  expected: string[],
  variant: TargetVariant,
  options: FormOptions,
  report: LocaleReport,
): void {
  const categories = [...variant.forms.keys()].some((form) => PLURAL_CATEGORIES.has(form));
  const texts = categories
    ? checkPluralForms(key, variant.joiner, pluralsOf(locale), (form) => variant.forms.get(form), options, report)
    : [...variant.forms.values()].filter((text) => !isBlank(text));
  if (options.placeholders && texts.length) comparePlaceholders(key, expected, texts, report);
}
