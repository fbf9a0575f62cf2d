export const PLURAL_CATEGORIES: ReadonlySet<string> = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

export interface LocalePlurals {
  /** Categories a translation must provide: `other`, and those whole numbers up to 1000 select. */
  required: string[];
  /** Categories the locale has that only decimals or numbers like 1,000,000 select (French `many`). */
  optional: string[];
}

// Recent CLDR gave French, Spanish, Italian and Portuguese a `many` form for
// numbers like 1,000,000, and Czech one for decimals. Most projects' files
// predate it and the libraries fall back to `other`, so a missing rare form is
// a warning, never a failure: only the forms everyday counts use are required.
const COUNTS_CHECKED = 1000;

// One cache per kind, so that a lookup builds no key string: it runs for every plural group of every target.
const caches: Record<Intl.PluralRuleType, Map<string, LocalePlurals>> = { cardinal: new Map(), ordinal: new Map() };

export function pluralsOf(locale: string, type: Intl.PluralRuleType = 'cardinal'): LocalePlurals {
  const cache = caches[type];
  const known = cache.get(locale);
  if (known) return known;
  const supported = pluralLocale(locale);
  if (!supported) {
    // No rules at all: `other` serves every number, as the libraries do.
    const onlyOther = { required: ['other'], optional: [] };
    cache.set(locale, onlyOther);
    return onlyOther;
  }
  const rules = new Intl.PluralRules(supported, { type });
  const all = rules.resolvedOptions().pluralCategories;
  const used = new Set<string>(['other']);
  // Each select costs about a microsecond: once every category is used, the other counts cannot add one.
  const every = all.includes('other') ? all.length : all.length + 1;
  for (let count = 0; count <= COUNTS_CHECKED && used.size < every; count++) used.add(rules.select(count));
  const plurals = {
    required: all.filter((category) => used.has(category)),
    optional: all.filter((category) => !used.has(category)),
  };
  cache.set(locale, plurals);
  return plurals;
}

/**
 * The locale whose rules apply: `locale` itself, else its language (`pap` for
 * `pap-AW`, `zh` for `zh-YUE`), else none. Never the runtime's default locale,
 * which Intl.PluralRules would silently use for a locale it does not know.
 */
function pluralLocale(locale: string): string | undefined {
  for (const candidate of [locale, locale.split('-')[0]!]) {
    try {
      if (Intl.PluralRules.supportedLocalesOf(candidate, { localeMatcher: 'lookup' }).length) return candidate;
    } catch {
      // Not a well-formed tag for this runtime (`zh-YUE`): try the language alone.
    }
  }
  return undefined;
}
