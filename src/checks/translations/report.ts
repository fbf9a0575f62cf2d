import type { CheckOutcome } from '../../gate/contract.js';
import { plural } from '../../text/plural.js';
import { type FileProblem, groupFileProblems } from './file-problems.js';
import type { LocaleReport } from './findings.js';

export interface TranslationsResult {
  source: string;
  /** Source keys compared: every key, or those the batch changed. */
  comparedKeys: number;
  batchOnly: boolean;
  reports: LocaleReport[];
  /** Target locales the config names that have no file at all. */
  absent: string[];
  /** Files that could not be parsed or hold no mapping. */
  errors: FileProblem[];
  /** Keys a file repeats (the last value is used). */
  duplicates: FileProblem[];
  unrecognized: string[];
  notes: string[];
}

export interface ReportPolicy {
  placeholders: 'warn' | 'fail' | 'ignore';
  maxListed: number;
}

export function translationsOutcome(result: TranslationsResult, policy: ReportPolicy): CheckOutcome {
  const failures: string[] = [];
  if (result.errors.length) failures.push(`${plural(result.errors.length, 'locale file')} cannot be read`);
  if (result.absent.length) failures.push(`no file for ${result.absent.join(', ')}`);
  const behind = result.reports.filter(
    (report) =>
      report.missing.length || report.empty.length || (policy.placeholders === 'fail' && report.placeholders.length),
  );
  failures.push(...describeBehind(behind, result.source, policy));

  const total = (pick: (report: LocaleReport) => string[]) =>
    result.reports.reduce((sum, r) => sum + pick(r).length, 0);
  const warnings = [
    [total((r) => r.stale), 'stale key'],
    [
      policy.placeholders === 'warn' ? total((r) => r.placeholders) : 0,
      'placeholder mismatch',
      'placeholder mismatches',
    ],
    [total((r) => r.rarePlurals), 'rare plural form absent', 'rare plural forms absent'],
    [total((r) => r.icuPlurals), 'ICU plural lacking forms', 'ICU plurals lacking forms'],
    [total((r) => r.outdated), 'translation not updated', 'translations not updated'],
    [result.duplicates.length, 'duplicate key'],
    [result.unrecognized.length, 'file of unknown locale', 'files of unknown locale'],
  ] as const;
  const warningText = warnings
    .filter(([count]) => count > 0)
    .map(([count, one, many]) => plural(count, one, many))
    .join(', ');

  const keys = result.batchOnly
    ? `the ${plural(result.comparedKeys, `${result.source} key`)} this batch adds or changes`
    : `all ${plural(result.comparedKeys, `${result.source} key`)}`;
  const locales = result.reports.map((report) => report.locale);
  const who = locales.length <= 5 ? locales.join(', ') : `${locales.length} locales`;
  const details = [
    ...groupFileProblems(result.errors),
    ...groupLocales(result.reports.map((report) => describeLocale(report, policy))),
    ...groupFileProblems(result.duplicates),
    ...(result.unrecognized.length
      ? [`unknown locale, skipped: ${listed(result.unrecognized, policy.maxListed)}`]
      : []),
    ...result.notes,
  ];

  const withDetails = details.length ? { details } : {};
  if (failures.length) {
    const summary = [failures.join('; '), warningText].filter(Boolean).join('; also ');
    return { status: 'fail', summary, ...withDetails };
  }
  const verb = locales.length === 1 ? 'has' : 'have';
  const summary =
    result.batchOnly && result.comparedKeys === 0
      ? `this batch adds or changes no ${result.source} key`
      : locales.length
        ? `${who} ${verb} ${keys}`
        : `no target locale besides ${result.source}`;
  if (warningText) return { status: 'warn', summary: `${summary}, with ${warningText}`, ...withDetails };
  return { status: 'pass', summary, ...withDetails };
}

function describeBehind(behind: LocaleReport[], source: string, policy: ReportPolicy): string[] {
  if (behind.length === 0) return [];
  const problems = (report: LocaleReport) =>
    [
      report.missing.length ? `misses ${plural(report.missing.length, 'key')}` : '',
      report.empty.length ? `has ${plural(report.empty.length, 'empty value')}` : '',
      policy.placeholders === 'fail' && report.placeholders.length
        ? `has ${plural(report.placeholders.length, 'placeholder mismatch', 'placeholder mismatches')}`
        : '',
    ].filter(Boolean);
  if (behind.length <= 3) return behind.map((report) => `${report.locale} ${problems(report).join(' and ')}`);
  const sum = (pick: (report: LocaleReport) => string[]) => behind.reduce((count, r) => count + pick(r).length, 0);
  const counts = [
    plural(
      sum((r) => r.missing),
      'missing key',
    ),
    plural(
      sum((r) => r.empty),
      'empty value',
    ),
    ...(policy.placeholders === 'fail'
      ? [
          plural(
            sum((r) => r.placeholders),
            'placeholder mismatch',
            'placeholder mismatches',
          ),
        ]
      : []),
  ];
  return [`${behind.length} locales are behind ${source} (${counts.join(', ')})`];
}

interface LocaleBlock {
  locale: string;
  /** `1 missing, 2 stale` and the keys of each kind, one line each. */
  lines: string[];
}

/** Locales with the very same findings (every locale lacks the new key) are told once, all named. */
function groupLocales(blocks: (LocaleBlock | undefined)[]): string[] {
  const groups = new Map<string, LocaleBlock[]>();
  for (const block of blocks) {
    if (!block) continue;
    const key = block.lines.join('\n');
    const group = groups.get(key) ?? [];
    groups.set(key, group);
    group.push(block);
  }
  return [...groups.values()].flatMap((group) => {
    const [counts, ...keys] = group[0]!.lines;
    const names = group.map((block) => block.locale).join(', ');
    return [`${group.length > 5 ? `${group.length} locales (${names})` : names}: ${counts}`, ...keys];
  });
}

function describeLocale(report: LocaleReport, policy: ReportPolicy): LocaleBlock | undefined {
  const sections = [
    ['missing', report.missing, 'missing', 'missing'],
    ['empty', report.empty, 'empty', 'empty'],
    ['placeholders', report.placeholders, 'placeholder mismatch', 'placeholder mismatches'],
    ['stale', report.stale, 'stale', 'stale'],
    ['rare plural forms absent', report.rarePlurals, 'rare plural form absent', 'rare plural forms absent'],
    ['ICU plurals', report.icuPlurals, 'ICU plural lacking forms', 'ICU plurals lacking forms'],
    ['not updated', report.outdated, 'not updated since the source changed', 'not updated since the source changed'],
  ] as const;
  const present = sections.filter(([, keys]) => keys.length > 0);
  if (present.length === 0) return undefined;
  const counts = present.map(([, keys, one, many]) => plural(keys.length, one, many)).join(', ');
  const lines = present.map(
    ([label, keys]) =>
      `  ${label}: ${listed(keys, policy.maxListed, label === 'placeholders' || label === 'ICU plurals' ? ' | ' : ', ')}`,
  );
  return { locale: report.locale, lines: [counts, ...lines] };
}

function listed(items: string[], max: number, separator = ', '): string {
  const shown = items.slice(0, max).join(separator);
  return items.length > max ? `${shown} … and ${items.length - max} more` : shown;
}
