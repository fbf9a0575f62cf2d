import { describePlaceholderMismatch, hasExactlyPlaceholders, placeholdersOf } from './placeholders.js';

/** What one target locale lacks or gets wrong, each as a list of keys in source order. */
export interface LocaleReport {
  locale: string;
  missing: string[];
  empty: string[];
  stale: string[];
  /** `key: missing %{name}; extra {name}` */
  placeholders: string[];
  /** Plural forms the locale has but only rare numbers use (French `many`): warnings. */
  rarePlurals: string[];
  /** `key: {count} lacks few, many`: ICU plural messages without a form the locale needs (warnings). */
  icuPlurals: string[];
  /** Keys whose source text the batch rewords while the target keeps its production text (warnings). */
  outdated: string[];
}

export const emptyReport = (locale: string): LocaleReport => ({
  locale,
  missing: [],
  empty: [],
  stale: [],
  placeholders: [],
  rarePlurals: [],
  icuPlurals: [],
  outdated: [],
});

// Only no text at all is empty: a space is a real translation (the thousands
// delimiter of French or Russian numbers is `" "`).
export function isBlank(text: string): boolean {
  return text === '';
}

/** Records a mismatch between the source's placeholders and those of the target's texts for `key`. */
export function comparePlaceholders(key: string, expected: string[], texts: string[], report: LocaleReport): void {
  // Each text with exactly the expected placeholders (most plural forms): their union is `expected`.
  if (texts.length > 0 && texts.every((text) => hasExactlyPlaceholders(expected, text))) return;
  const actual = union(texts.map(placeholdersOf));
  if (actual.length === expected.length && actual.every((token, index) => token === expected[index])) return;
  report.placeholders.push(`${key}: ${describePlaceholderMismatch(expected, actual)}`);
}

export function union(lists: string[][]): string[] {
  if (lists.length === 1) return lists[0]!;
  return [...new Set(lists.flat())].sort();
}
