import type { GitReader } from '../../gate/contract.js';
import { streamBlobs } from '../../git/cat-file.js';
import { flattenLocaleTree } from './flat-yaml-locale.js';
import { collectSuffixPlurals, createFlatLocale, type FlatLocale } from './flatten.js';
import { type FileFindings, readLocaleFile } from './load-locales.js';
import { describeLocalePath } from './locale-path.js';

/** What the caller does with the locales as they are complete. */
export interface LocaleConsumer {
  /** Targets worth flattening; the others are only noted as found. */
  wants(locale: string): boolean;
  /** Once, when every file that may hold the source is read: its flat keys, or undefined when none holds it. */
  sourceReady(flat: FlatLocale | undefined): Promise<void>;
  /** Once per wanted target, when all its files are read; always after sourceReady. */
  targetReady(locale: string, flat: FlatLocale): void;
}

export interface StreamedLocales extends FileFindings {
  fileCount: number;
  /** Every locale the files hold, in the order of the files. */
  found: string[];
}

export interface StreamOptions {
  /** The repository the reader reads, where the files are streamed from. */
  cwd: string;
  source: string;
  signal?: AbortSignal;
}

/** A locale turned up in a file read after it was handed over: the files are read again, in their own order. */
class OutOfOrder extends Error {}

/**
 * Reads every locale file `patterns` match and hands each locale over as
 * soon as all its files are read, so that only the source and one target are
 * held at a time, not fifty locales. The files are read grouped by the locale
 * their path names (`fr.yml`, `fr/app.json`), the source's and the unnamed
 * ones first, each locale's files in their own order. A Rails file may hold
 * a locale its path does not name (`fr:` in `en.yml`): when one turns up too
 * late, everything is read again in file order and handed over at the end,
 * so the outcome never depends on the grouping. `consumer` makes a fresh
 * consumer for each reading.
 */
export async function streamLocales(
  reader: GitReader,
  patterns: string[],
  options: StreamOptions,
  consumer: () => LocaleConsumer,
): Promise<StreamedLocales> {
  const paths = await reader.listFiles(patterns);
  try {
    return await readInOrder(reader, paths, options, consumer(), true);
  } catch (error) {
    if (!(error instanceof OutOfOrder)) throw error;
    return readInOrder(reader, paths, options, consumer(), false);
  }
}

async function readInOrder(
  reader: GitReader,
  paths: string[],
  options: StreamOptions,
  consumer: LocaleConsumer,
  grouped: boolean,
): Promise<StreamedLocales> {
  const { source } = options;
  const named = paths.map((path) => describeLocalePath(path)?.locale);
  const order = grouped ? groupedOrder(named, source) : paths.map((_, file) => file);
  // The position in `order` after which no file names the locale; all at the end when not grouped.
  const lastNaming = new Map<string | undefined, number>();
  if (grouped) for (const [position, file] of order.entries()) lastNaming.set(named[file], position);
  const sourceDoneAt = grouped ? Math.max(lastNaming.get(source) ?? -1, lastNaming.get(undefined) ?? -1) : Infinity;

  const streamed: StreamedLocales = {
    fileCount: paths.length,
    errors: [],
    duplicates: [],
    unrecognized: [],
    found: [],
  };
  const firstFile = new Map<string, number>();
  const lastFile = new Map<string, number>();
  const pending = new Map<string, FlatLocale>();
  const handedOver = new Set<string>();
  let sourceClosed = false;

  const settle = async (position: number) => {
    if (!sourceClosed && position >= sourceDoneAt) {
      sourceClosed = true;
      const flat = pending.get(source);
      pending.delete(source);
      if (flat) collectSuffixPlurals(flat);
      await consumer.sourceReady(flat);
    }
    if (!sourceClosed) return;
    for (const [locale, flat] of pending) {
      if ((lastNaming.get(locale) ?? -1) > position) continue;
      pending.delete(locale);
      handedOver.add(locale);
      consumer.targetReady(locale, flat);
    }
  };

  await settle(-1);
  await streamBlobs(
    options.cwd,
    order.map((file) => `${reader.sha}:${paths[file]}`),
    async (position, content) => {
      options.signal?.throwIfAborted();
      const file = order[position]!;
      const roots = await readLocaleFile(streamed, paths[file]!, content?.toString('utf8'));
      for (const { locale, tree, prefix } of roots ?? []) {
        if (!firstFile.has(locale) || firstFile.get(locale)! > file) firstFile.set(locale, file);
        const isSource = locale === source;
        if (!isSource && !consumer.wants(locale)) continue;
        const late = isSource ? sourceClosed : handedOver.has(locale);
        if (late || (lastFile.get(locale) ?? -1) > file) throw new OutOfOrder();
        lastFile.set(locale, file);
        const flat = pending.get(locale) ?? createFlatLocale();
        pending.set(locale, flat);
        flattenLocaleTree(flat, tree, prefix, isSource);
      }
      await settle(position);
    },
    options.signal,
  );
  await settle(Infinity);

  // Problems and locales are told in file order, however the files were read.
  const fileOf = new Map(paths.map((path, file) => [path, file]));
  const byFile = (a: { path: string }, b: { path: string }) => fileOf.get(a.path)! - fileOf.get(b.path)!;
  streamed.errors.sort(byFile);
  streamed.duplicates.sort(byFile);
  streamed.unrecognized.sort((a, b) => fileOf.get(a)! - fileOf.get(b)!);
  streamed.found = [...firstFile].sort((a, b) => a[1] - b[1]).map(([locale]) => locale);
  return streamed;
}

/** The files whose path names the source or no locale first, then those of each other locale, each in file order. */
function groupedOrder(named: (string | undefined)[], source: string): number[] {
  const groups = new Map<string, number[]>();
  const first: number[] = [];
  named.forEach((locale, file) => {
    if (locale === undefined || locale === source) {
      first.push(file);
      return;
    }
    const group = groups.get(locale) ?? [];
    groups.set(locale, group);
    group.push(file);
  });
  return [...first, ...[...groups.values()].flat()];
}
