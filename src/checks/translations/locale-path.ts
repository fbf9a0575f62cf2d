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
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const known = new Map<string, string | undefined>();

/** The canonical tag (`pt_BR` -> `pt-BR`) when `token` names a language Intl knows, else undefined. */
export function localeTag(token: string): string | undefined {
  if (known.has(token)) return known.get(token);
  let tag: string | undefined;
  if (/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(token)) {
    try {
      const canonical = Intl.getCanonicalLocales(token.replaceAll('_', '-'))[0];
      if (canonical && languageNames.of(canonical) !== undefined) tag = canonical;
    } catch {
      tag = undefined;
    }
  }
  known.set(token, tag);
  return tag;
}

/** How to read `path`, or undefined when it is not a YAML or JSON file. */
export function describeLocalePath(path: string): LocaleFileInfo | undefined {
  const extension = extname(path).toLowerCase();
  const format = FORMATS[extension];
  if (!format) return undefined;
  const stem = path.slice(0, -extension.length);
  // A locale folder wins over the file name: in `locales/en/new.json`, `new` is a namespace, not Newari.
  const folders = dirname(stem).split('/');
  for (let index = folders.length - 1; index >= 0; index--) {
    const locale = localeTag(folders[index]!);
    if (locale) return { format, locale, namespace: [...folders.slice(index + 1), basename(stem)].join('/') };
  }
  const parts = basename(stem).split('.');
  for (let index = parts.length - 1; index >= 0; index--) {
    const locale = localeTag(parts[index]!);
    if (locale) return { format, locale };
  }
  return { format };
}
