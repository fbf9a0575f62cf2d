import type { FileFindings } from './load-locales.js';

export interface ReadingOrder {
  /** The files, by their index in the list matched, in the order they are read. */
  order: number[];
  /** The position in `order` after which no file names the locale; all at the end when not grouped. */
  lastNaming: Map<string | undefined, number>;
  /** The position after which no file may hold the source. */
  sourceDoneAt: number;
}

/**
 * Grouped: the files whose path names the source or no locale first, then
 * those of each other locale, each in file order. Otherwise the file order.
 */
export function readingOrder(named: (string | undefined)[], source: string, grouped: boolean): ReadingOrder {
  if (!grouped) return { order: named.map((_, file) => file), lastNaming: new Map(), sourceDoneAt: Infinity };
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
  const order = [...first, ...[...groups.values()].flat()];
  const lastNaming = new Map<string | undefined, number>();
  for (const [position, file] of order.entries()) lastNaming.set(named[file], position);
  const sourceDoneAt = Math.max(lastNaming.get(source) ?? -1, lastNaming.get(undefined) ?? -1);
  return { order, lastNaming, sourceDoneAt };
}

/** Problems are told in file order, however the files were read. */
export function sortByFile(findings: FileFindings, paths: string[]): void {
  const fileOf = new Map(paths.map((path, file) => [path, file]));
  const byFile = (a: { path: string }, b: { path: string }) => fileOf.get(a.path)! - fileOf.get(b.path)!;
  findings.errors.sort(byFile);
  findings.duplicates.sort(byFile);
  findings.unrecognized.sort((a, b) => fileOf.get(a)! - fileOf.get(b)!);
}
