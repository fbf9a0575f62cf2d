import type { CheckContext, CheckOutcome } from '../../gate/contract.js';
import { shortSha } from '../../text/sha.js';
import { type BatchScope, sourceChangesInBatch } from './batch-scope.js';
import { groupFileProblems } from './file-problems.js';
import type { LocaleReport } from './findings.js';
import { type FlatLocale, recycleFlatLocale } from './flatten.js';
import { localeTag } from './locale-path.js';
import { translationsOutcome } from './report.js';
import { SourceIndex } from './source-index.js';
import { type LocaleConsumer, streamLocales } from './stream-locales.js';
import { type CompareOptions, compareLocale, TargetComparison } from './target-comparison.js';

/** The translations check's settings, as its schema outputs them. */
export interface TranslationsSettings {
  files: string | string[];
  source: string;
  targets?: string[] | undefined;
  allowEmpty: boolean;
  placeholders: 'warn' | 'fail' | 'ignore';
  stale: 'warn' | 'ignore';
  rarePlurals: 'warn' | 'ignore';
  scope: 'all' | 'batch';
  maxListed: number;
}

/** What comparing the targets as they are read leaves: one report per target, and the setup of the comparison. */
interface Comparison {
  index?: SourceIndex;
  comparedKeys: number;
  batchOnly: boolean;
  notes: string[];
  reports: Map<string, LocaleReport>;
}

export async function runTranslationsCheck(options: TranslationsSettings, ctx: CheckContext): Promise<CheckOutcome> {
  const patterns = Array.isArray(options.files) ? options.files : [options.files];
  const source = localeTag(options.source) ?? options.source;
  const at = shortSha(ctx.candidate.sha);
  const targetTags = options.targets?.map((tag) => localeTag(tag) ?? tag);

  ctx.progress('reading locale files');
  let comparison: Comparison | undefined;
  const streamed = await streamLocales(ctx.git, patterns, { cwd: ctx.repoRoot, source, signal: ctx.signal }, () => {
    comparison = { comparedKeys: 0, batchOnly: false, notes: [], reports: new Map() };
    return comparingConsumer(ctx, options, patterns, source, targetTags, comparison);
  });
  if (streamed.fileCount === 0) {
    return { status: 'fail', summary: `no file matches ${patterns.join(', ')} at ${at}: check the \`files\` glob` };
  }
  if (!comparison?.index) {
    const found = streamed.found.join(', ') || 'none';
    const unreadable = streamed.errors.length ? `, ${streamed.errors.length} unreadable` : '';
    return {
      status: 'fail',
      summary: `no ${source} locale in the ${streamed.fileCount} files matching ${patterns.join(', ')} at ${at} (locales found: ${found}${unreadable}): set \`source\` or fix the files`,
      ...(streamed.errors.length ? { details: groupFileProblems(streamed.errors) } : {}),
    };
  }

  const targets = targetTags ?? streamed.found.filter((tag) => tag !== source).sort();
  return translationsOutcome(
    {
      source,
      comparedKeys: comparison.comparedKeys,
      batchOnly: comparison.batchOnly,
      reports: targets.flatMap((target) => comparison!.reports.get(target) ?? []),
      absent: targets.filter((target) => !streamed.found.includes(target)),
      errors: streamed.errors,
      duplicates: streamed.duplicates,
      unrecognized: streamed.unrecognized,
      notes: comparison.notes,
    },
    { placeholders: options.placeholders, maxListed: options.maxListed },
  );
}

/** Indexes the source once it is read, then compares each target as it comes and keeps only its report. */
function comparingConsumer(
  ctx: CheckContext,
  options: TranslationsSettings,
  patterns: string[],
  source: string,
  targetTags: string[] | undefined,
  comparison: Comparison,
): LocaleConsumer {
  const compareOptions: CompareOptions = {
    allowEmpty: options.allowEmpty,
    placeholders: options.placeholders !== 'ignore',
    stale: options.stale === 'warn',
    rarePlurals: options.rarePlurals === 'warn',
    inScope: undefined,
    removed: undefined,
  };
  let batch: BatchScope | undefined;
  return {
    wants: (locale) => locale !== source && (!targetTags || targetTags.includes(locale)),
    async sourceReady(flat) {
      if (!flat) return;
      const index = new SourceIndex(flat);
      comparison.index = index;
      comparison.comparedKeys = index.plain.length + index.groups.length;
      if (options.scope === 'batch') {
        ctx.progress('reading the locale files in production');
        const changes = await sourceChangesInBatch(ctx, patterns, source, flat);
        if ('compareAll' in changes) {
          comparison.notes.push(changes.compareAll);
        } else {
          batch = changes;
          compareOptions.inScope = changes.changed;
          compareOptions.removed = changes.removed;
          comparison.comparedKeys = countScoped(index, changes.changed);
          comparison.batchOnly = true;
        }
      }
    },
    targetReady(locale, flat: FlatLocale) {
      const { index } = comparison;
      if (!index) return;
      comparison.reports.set(locale, compareLocale(index, locale, flat, startComparing(locale)));
      // Handed over for good: the next target's keys are read into its arrays.
      recycleFlatLocale(flat);
    },
    streamTarget(locale) {
      const { index } = comparison;
      if (!index) return undefined;
      return new StreamedComparison(index, locale, startComparing(locale), comparison.reports);
    },
  };

  /** The options for comparing `locale`, told as progress; throws once the check is stopped. */
  function startComparing(locale: string): CompareOptions {
    ctx.signal.throwIfAborted();
    ctx.progress(`comparing ${locale} (${comparison.reports.size + 1} compared)`);
    // Every target's options of one shape, all keys present: spreading gave each a shape of its own, and
    // V8 threw away the comparison's optimized code again and again (`TargetComparison.finish`, 23 times).
    const { allowEmpty, placeholders, stale, rarePlurals, inScope, removed } = compareOptions;
    return { allowEmpty, placeholders, stale, rarePlurals, inScope, removed, previous: batch?.previous.get(locale) };
  }
}

/** A comparison that is the reader's sink itself (no call in between, for each key), its report kept when done. */
class StreamedComparison extends TargetComparison {
  constructor(
    index: SourceIndex,
    private readonly target: string,
    options: CompareOptions,
    private readonly reports: Map<string, LocaleReport>,
  ) {
    super(index, target, options);
  }

  override finish(): LocaleReport {
    const report = super.finish();
    this.reports.set(this.target, report);
    return report;
  }
}

function countScoped(index: SourceIndex, changed: ReadonlySet<string>): number {
  const isChanged = (position: number) => changed.has(index.keys[position]!);
  return index.plain.filter(isChanged).length + index.groups.filter((group) => group.forms.some(isChanged)).length;
}
