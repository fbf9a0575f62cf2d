import type { GitReader } from '../../gate/contract.js';
import { collectSuffixPlurals, createFlatLocale, type FlatLocale, flattenInto } from './flatten.js';
import { describeLocalePath, type LocaleFileInfo, localeTag } from './locale-path.js';
import { LocaleFileError, parseLocaleFile } from './parse.js';

export interface LoadedLocales {
  locales: Map<string, FlatLocale>;
  /** One line per file that could not be parsed. */
  errors: string[];
  /** Matched files whose locale neither their path nor their root key tells. */
  unrecognized: string[];
  fileCount: number;
}

export interface LoadOptions {
  /** Plural groups are collected for this locale only. */
  source: string;
  signal?: AbortSignal;
}

/** Every locale file `patterns` match at the reader's commit, read in one git batch and flattened. */
export async function loadLocales(reader: GitReader, patterns: string[], options: LoadOptions): Promise<LoadedLocales> {
  const paths = await reader.listFiles(patterns);
  const texts = await reader.readFiles(paths);
  const loaded: LoadedLocales = { locales: new Map(), errors: [], unrecognized: [], fileCount: paths.length };
  for (const path of paths) {
    options.signal?.throwIfAborted();
    const info = describeLocalePath(path);
    const text = texts.get(path);
    if (!info || text === undefined) {
      loaded.unrecognized.push(path);
      continue;
    }
    let document: unknown;
    try {
      document = await parseLocaleFile(path, info.format, text);
    } catch (error) {
      if (!(error instanceof LocaleFileError)) throw error;
      loaded.errors.push(error.message);
      continue;
    }
    const roots = localeRoots(document, info);
    if (!roots) {
      loaded.unrecognized.push(path);
      continue;
    }
    for (const { locale, tree, prefix } of roots) {
      const flat = loaded.locales.get(locale) ?? createFlatLocale();
      loaded.locales.set(locale, flat);
      flattenInto(flat, tree, prefix, locale === options.source);
    }
  }
  const source = loaded.locales.get(options.source);
  if (source) collectSuffixPlurals(source);
  return loaded;
}

// Rails files name their locale with their root key (`fr:`), whatever the file
// is called, and one file may hold several; other files take it from the path.
function localeRoots(document: unknown, info: LocaleFileInfo) {
  if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
    const entries = Object.entries(document);
    const tags = entries.map(([key]) => localeTag(key));
    const rootsAreLocales = entries.length > 0 && tags.every(Boolean);
    const isLocaleWrapper = !info.locale || (tags.length === 1 && tags[0] === info.locale);
    if (rootsAreLocales && (info.format === 'yaml' || isLocaleWrapper)) {
      return entries.map(([, tree], index) => ({ locale: tags[index]!, tree, prefix: '' }));
    }
  }
  if (!info.locale) return undefined;
  return [{ locale: info.locale, tree: document, prefix: info.namespace ? `${info.namespace}:` : '' }];
}
