import type { GitReader } from '../../gate/contract.js';
import { streamBlobs } from '../../git/cat-file.js';
import type { FileProblem } from './file-problems.js';
import { FlatYamlTree } from './flat-yaml.js';
import { flattenLocaleTree } from './flat-yaml-locale.js';
import { collectSuffixPlurals, createFlatLocale, type FlatLocale } from './flatten.js';
import { describeLocalePath, type LocaleFileInfo, localeTag, rootLocaleTag } from './locale-path.js';
import { LocaleFileError, type ParsedLocaleFile, parseLocaleFile } from './parse.js';

export interface LoadedLocales {
  locales: Map<string, FlatLocale>;
  /** Files that could not be parsed or hold no mapping of keys: each fails the check. */
  errors: FileProblem[];
  /** Keys a file repeats: read as Rails does (the last value wins), and warned about. */
  duplicates: FileProblem[];
  /** Matched files whose locale neither their path nor their root key tells. */
  unrecognized: string[];
  fileCount: number;
}

export interface LoadOptions {
  /** The repository the reader reads, where the files are streamed from. */
  cwd: string;
  /** Plural groups are collected for this locale only. */
  source: string;
  signal?: AbortSignal;
}

/**
 * Every locale file `patterns` match at the reader's commit, read in one git
 * batch and flattened file by file as git writes them: only the flat keys of
 * all locales are held at once, never every text and tree.
 */
export async function loadLocales(reader: GitReader, patterns: string[], options: LoadOptions): Promise<LoadedLocales> {
  const paths = await reader.listFiles(patterns);
  const loaded: LoadedLocales = {
    locales: new Map(),
    errors: [],
    duplicates: [],
    unrecognized: [],
    fileCount: paths.length,
  };
  const names = paths.map((path) => `${reader.sha}:${path}`);
  await streamBlobs(
    options.cwd,
    names,
    async (index, content) => {
      options.signal?.throwIfAborted();
      await loadFile(loaded, paths[index]!, content ?? undefined, options.source);
    },
    // Only the flat keys outlive a file: git's buffer is used again for the next.
    { signal: options.signal, reuse: true },
  );
  const source = loaded.locales.get(options.source);
  if (source) collectSuffixPlurals(source);
  return loaded;
}

async function loadFile(loaded: LoadedLocales, path: string, file: Buffer | undefined, source: string): Promise<void> {
  const roots = await readLocaleFile(loaded, path, file);
  for (const { locale, tree, prefix } of roots ?? []) {
    const flat = loaded.locales.get(locale) ?? createFlatLocale();
    loaded.locales.set(locale, flat);
    flattenLocaleTree(flat, tree, prefix, locale === source);
  }
}

/** Where a locale file's problems go. */
export type FileFindings = Pick<LoadedLocales, 'errors' | 'duplicates' | 'unrecognized'>;

/**
 * The locales one file (its bytes, or its text) holds, each as its tree;
 * undefined when the file cannot be read or names no locale, which is
 * recorded in `findings`.
 */
export async function readLocaleFile(
  findings: FileFindings,
  path: string,
  file: Buffer | string | undefined,
): Promise<LocaleRoot[] | undefined> {
  const info = describeLocalePath(path);
  if (!info || file === undefined) {
    findings.unrecognized.push(path);
    return undefined;
  }
  let parsed: ParsedLocaleFile;
  try {
    parsed = await parseLocaleFile(path, info.format, file);
  } catch (error) {
    if (!(error instanceof LocaleFileError)) throw error;
    findings.errors.push(error.problem);
    return undefined;
  }
  const roots = localeRoots(parsed.document, info);
  if (!roots) {
    findings.unrecognized.push(path);
    return undefined;
  }
  const notMapping = roots.find((root) => !isMapping(root.tree));
  if (notMapping) {
    const where = notMapping.rootKey ? `under ${notMapping.rootKey}: ` : '';
    const message = `${where}${describeValue(notMapping.tree)}, not a mapping of keys to texts`;
    findings.errors.push({ path, kind: 'not a locale file', message });
    return undefined;
  }
  for (const duplicate of parsed.duplicates) {
    // Named within its locale, so the same slip copied into every locale file is one problem.
    const keys = roots[0]?.rootKey ? duplicate.keys.slice(1) : duplicate.keys;
    const line = duplicate.line === undefined ? {} : { line: duplicate.line };
    findings.duplicates.push({
      path,
      ...line,
      kind: 'duplicate key',
      message: `${keys.join('.')}, the last value is used`,
    });
  }
  return roots;
}

export interface LocaleRoot {
  locale: string;
  tree: unknown;
  prefix: string;
  /** The root key naming the locale (`fr:`), when the file has one. */
  rootKey?: string;
}

// Rails files name their locale with their root key (`fr:`), whatever the file
// is called, and one file may hold several; other files take it from the path.
function localeRoots(document: unknown, info: LocaleFileInfo): LocaleRoot[] | undefined {
  if (isMapping(document)) {
    const entries = document instanceof FlatYamlTree ? document.document.rootEntries() : Object.entries(document);
    // A language without locale data (`pap-AW:`) is accepted where the path names no locale:
    // under `locales/fr/`, a root key like `nav:` is a key, not Navajo.
    const tagOf = info.format === 'yaml' && !info.locale ? rootLocaleTag : localeTag;
    const tags = entries.map(([key]) => tagOf(key));
    const rootsAreLocales = entries.length > 0 && tags.every(Boolean);
    const isLocaleWrapper = !info.locale || (tags.length === 1 && tags[0] === info.locale);
    if (rootsAreLocales && (info.format === 'yaml' || isLocaleWrapper)) {
      return entries.map(([rootKey, tree], index) => ({ locale: tags[index]!, tree, prefix: '', rootKey }));
    }
  }
  if (!info.locale) return undefined;
  return [{ locale: info.locale, tree: document, prefix: info.namespace ? `${info.namespace}:` : '' }];
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}
