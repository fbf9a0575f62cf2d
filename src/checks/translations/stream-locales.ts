import type { GitReader } from '../../gate/contract.js';
import { streamBlobs } from '../../git/cat-file.js';
import { flattenLocaleTree } from './flat-yaml-locale.js';
import { collectSuffixPlurals, createFlatLocale, type FlatLocale } from './flatten.js';
import { type FileFindings, readLocaleFile } from './load-locales.js';
import { describeLocalePath } from './locale-path.js';
import { primeFastReaderFor } from './prime-reader.js';
import { readingOrder, sortByFile } from './reading-order.js';
import { streamYamlTarget, type TargetSink } from './stream-yaml-target.js';

/** What the caller does with the locales as they are complete. */
export interface LocaleConsumer {
  /** Targets worth flattening; the others are only noted as found. */
  wants(locale: string): boolean;
  /** Once, when every file that may hold the source is read: its flat keys, or undefined when none holds it. */
  sourceReady(flat: FlatLocale | undefined): Promise<void>;
  /** Once per wanted target, when all its files are read; always after sourceReady. */
  targetReady(locale: string, flat: FlatLocale): void;
  /** A wanted target's comparison, fed its keys as they are read; undefined to have the target read whole. */
  streamTarget(locale: string): TargetStream | undefined;
}

export interface TargetStream extends TargetSink {
  /** Every file of the target is read. */
  finish(): void;
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
 * held at a time, not fifty locales; the usual Rails file of a target is not
 * even held, its keys go to the consumer as they are read. The files are read grouped by the locale
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
  const described = paths.map(describeLocalePath);
  const named = described.map((info) => info?.locale);
  const { order, lastNaming, sourceDoneAt } = readingOrder(named, source, grouped);

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
  /** Targets whose keys go to the consumer as they are read, with their files so far, read again if one is not taken. */
  const streams = new Map<string, { stream: TargetStream; files: { file: number; content: Buffer }[] }>();
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
    for (const [locale, { stream }] of streams) {
      if ((lastNaming.get(locale) ?? -1) > position) continue;
      streams.delete(locale);
      handedOver.add(locale);
      stream.finish();
    }
  };

  const readFile = async (file: number, content: Buffer | undefined) => {
    const roots = await readLocaleFile(streamed, paths[file]!, content);
    for (const { locale, tree, prefix } of roots ?? []) {
      const isSource = locale === source;
      found(locale, file);
      if (!isSource && !consumer.wants(locale)) continue;
      const late = isSource ? sourceClosed : handedOver.has(locale);
      if (late || (lastFile.get(locale) ?? -1) > file) throw new OutOfOrder();
      lastFile.set(locale, file);
      const flat = pending.get(locale) ?? createFlatLocale();
      pending.set(locale, flat);
      flattenLocaleTree(flat, tree, prefix, isSource);
    }
  };
  const found = (locale: string, file: number) => {
    if (!firstFile.has(locale) || firstFile.get(locale)! > file) firstFile.set(locale, file);
  };

  /** Hands a target's file, as it is read, to the target's comparison; false when it is to be read whole. */
  const streamFile = async (position: number, content: Buffer | undefined): Promise<boolean> => {
    const file = order[position]!;
    const locale = named[file];
    if (locale === undefined) return false;
    const yaml = described[file]?.format === 'yaml' ? content : undefined;
    let streaming = streams.get(locale);
    if (!streaming && yaml !== undefined && sourceClosed && locale !== source && !pending.has(locale)) {
      const stream = !handedOver.has(locale) && consumer.wants(locale) ? consumer.streamTarget(locale) : undefined;
      if (stream) {
        streaming = { stream, files: [] };
        streams.set(locale, streaming);
      }
    }
    if (!streaming) return false;
    if (yaml !== undefined && streamYamlTarget(yaml, locale, streaming.stream)) {
      found(locale, file);
      lastFile.set(locale, file);
      // Git's buffer is reused for the next file: kept (copied) only while more files of the locale are to come.
      if ((lastNaming.get(locale) ?? -1) > position) streaming.files.push({ file, content: Buffer.from(yaml) });
      return true;
    }
    // Not taken, perhaps after some keys: the target is read whole from here on, its streamed files again first.
    streams.delete(locale);
    lastFile.delete(locale);
    for (const earlier of streaming.files) await readFile(earlier.file, earlier.content);
    return false;
  };

  await settle(-1);
  await streamBlobs(
    options.cwd,
    order.map((file) => `${reader.sha}:${paths[file]}`),
    async (position, content) => {
      options.signal?.throwIfAborted();
      const file = order[position]!;
      primeFastReaderFor(content?.length ?? 0);
      if (!(await streamFile(position, content ?? undefined))) await readFile(file, content ?? undefined);
      await settle(position);
    },
    { signal: options.signal, reuse: true },
  );
  await settle(Infinity);
  sortByFile(streamed, paths);
  streamed.found = [...firstFile].sort((a, b) => a[1] - b[1]).map(([locale]) => locale);
  return streamed;
}
