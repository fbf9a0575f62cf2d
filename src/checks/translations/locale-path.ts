import { basename, dirname, extname } from 'node:path';

export type LocaleFormat = 'yaml' | 'json';

export interface LocaleFileInfo {
  format: LocaleFormat;
  /** The locale the path names (`fr.json`, `models.fr.yml`, `fr/common.json`), if any. */
  locale?: string;
  /** i18next-style namespace: the path below a locale folder (`locales/fr/common.json` -> `common`). */
  namespace?: string;
}

const FORMATS: Record<string, LocaleFormat> = { '.yml': 'yaml', '.yaml': 'yaml', '.json': 'json' };
const known = new Map<string, string | undefined>();
const TAG_SHAPE = /^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*$/;

// Languages that every ICU Node ships (20 and later, full ICU) has locale data for. Asking Intl whether it
// has data for a tag first loads ICU's whole list of locales, ~20 ms of every check, while a tag in one of
// these languages has data whatever its region or script (Intl falls back to the language): no need to ask.
const WITH_LOCALE_DATA = new Set(
  (
    'af am ar as az be bg bn bs ca cs cy da de el en eo es et eu fa fi fil fo fr fy ga gd gl gu ha he hi hr ' +
    'hu hy id ig is it ja ka kk km kn ko ky lb lo lt lv mk ml mn mr ms mt my nb ne nl nn no or pa pl ps pt rm ' +
    'ro ru sd si sk sl so sq sr sv sw ta te th tk tr uk ur uz vi yo zh zu'
  ).split(' '),
);

function hasLocaleData(canonical: string): boolean {
  const dash = canonical.indexOf('-');
  if (WITH_LOCALE_DATA.has(dash === -1 ? canonical : canonical.slice(0, dash))) return true;
  return Intl.DateTimeFormat.supportedLocalesOf(canonical).length > 0;
}

/**
 * The canonical tag (`pt_BR` -> `pt-BR`) when `token` names a language with CLDR data, else undefined.
 * Three-letter aliases are refused: `src` would otherwise be Sardinian.
 */
export function localeTag(token: string): string | undefined {
  if (known.has(token)) return known.get(token);
  let tag: string | undefined;
  const language = TAG_SHAPE.exec(token)?.[1]?.toLowerCase();
  if (language) {
    try {
      const canonical = Intl.getCanonicalLocales(token.replaceAll('_', '-'))[0];
      const isAlias = language.length === 3 && !canonical?.startsWith(language);
      if (canonical && !isAlias && hasLocaleData(canonical)) tag = canonical;
    } catch {
      tag = undefined;
    }
  }
  known.set(token, tag);
  return tag;
}

let languageNames: Intl.DisplayNames | undefined;

/**
 * The locale a Rails root key names. Besides the tags localeTag knows, a root
 * key may name a language the runtime has no locale data for (`pap-AW:`,
 * `zh-YUE:`, `cnr:`): Rails still loads it, so it is kept as written when its
 * language subtag is a known language code. Its plural rules fall back.
 */
export function rootLocaleTag(key: string): string | undefined {
  const known = localeTag(key);
  if (known) return known;
  const language = TAG_SHAPE.exec(key)?.[1];
  if (!language) return undefined;
  languageNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  return languageNames.of(language.toLowerCase()) ? key.replaceAll('_', '-') : undefined;
}

/** How to read `path`, or undefined when it is not a YAML or JSON file. */
export function describeLocalePath(path: string): LocaleFileInfo | undefined {
  const extension = extname(path).toLowerCase();
  const format = FORMATS[extension];
  if (!format) return undefined;
  const stem = path.slice(0, -extension.length);
  const folders = dirname(stem).split('/');
  const namespaceBelow = (index: number) => [...folders.slice(index + 1), basename(stem)].join('/');
  // The folder holding the file wins over its name: in `locales/en/new.json`, `new` is a namespace, not Newari.
  const parentLocale = localeTag(folders[folders.length - 1]!);
  if (parentLocale) return { format, locale: parentLocale, namespace: namespaceBelow(folders.length - 1) };
  const parts = basename(stem).split('.');
  for (let index = parts.length - 1; index >= 0; index--) {
    const locale = localeTag(parts[index]!);
    if (locale) return { format, locale };
  }
  for (let index = folders.length - 2; index >= 0; index--) {
    const locale = localeTag(folders[index]!);
    if (locale) return { format, locale, namespace: namespaceBelow(index) };
  }
  return { format };
}
