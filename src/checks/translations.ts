import * as z from 'zod';
import { defineBuiltin } from './define.js';
import { type BatchScope, sourceChangesInBatch } from './translations/batch-scope.js';
import { type CompareOptions, LocaleComparer } from './translations/compare.js';
import { groupFileProblems } from './translations/file-problems.js';
import { loadLocales } from './translations/load-locales.js';
import { localeTag } from './translations/locale-path.js';
import { translationsOutcome } from './translations/report.js';
import { SourceIndex } from './translations/source-index.js';

const locale = z.string().min(1);

export const translationsCheck = defineBuiltin({
  type: 'translations',
  description: 'compares locale files (Rails YAML, JSON, i18next) at the candidate commit with the source locale',
  schema: z.strictObject({
    files: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    source: locale.default('en'),
    targets: z.array(locale).min(1).optional(),
    allowEmpty: z.boolean().default(false),
    placeholders: z.enum(['warn', 'fail', 'ignore']).default('warn'),
    stale: z.enum(['warn', 'ignore']).default('warn'),
    rarePlurals: z.enum(['warn', 'ignore']).default('warn'),
    scope: z.enum(['all', 'batch']).default('all'),
    maxListed: z.number().int().positive().default(10),
  }),
  create: (options) => async (ctx) => {
    const patterns = Array.isArray(options.files) ? options.files : [options.files];
    const source = localeTag(options.source) ?? options.source;
    const at = ctx.candidate.sha.slice(0, 7);

    ctx.progress('reading locale files');
    const loaded = await loadLocales(ctx.git, patterns, { cwd: ctx.repoRoot, source, signal: ctx.signal });
    if (loaded.fileCount === 0) {
      return { status: 'fail', summary: `no file matches ${patterns.join(', ')} at ${at}: check the \`files\` glob` };
    }
    const sourceFlat = loaded.locales.get(source);
    if (!sourceFlat) {
      const found = [...loaded.locales.keys()].join(', ') || 'none';
      const unreadable = loaded.errors.length ? `, ${loaded.errors.length} unreadable` : '';
      return {
        status: 'fail',
        summary: `no ${source} locale in the ${loaded.fileCount} files matching ${patterns.join(', ')} at ${at} (locales found: ${found}${unreadable}): set \`source\` or fix the files`,
        ...(loaded.errors.length ? { details: groupFileProblems(loaded.errors) } : {}),
      };
    }

    const notes: string[] = [];
    const compareOptions: CompareOptions = {
      allowEmpty: options.allowEmpty,
      placeholders: options.placeholders !== 'ignore',
      stale: options.stale === 'warn',
      rarePlurals: options.rarePlurals === 'warn',
    };
    const index = new SourceIndex(sourceFlat);
    let comparedKeys = index.plain.length + index.groups.length;
    let batch: BatchScope | undefined;
    if (options.scope === 'batch') {
      ctx.progress('reading the locale files in production');
      const changes = await sourceChangesInBatch(ctx, patterns, source, sourceFlat);
      if ('compareAll' in changes) {
        notes.push(changes.compareAll);
      } else {
        batch = changes;
        compareOptions.inScope = changes.changed;
        compareOptions.removed = changes.removed;
        comparedKeys = countScoped(index, changes.changed);
      }
    }

    const targetTags = options.targets?.map((tag) => localeTag(tag) ?? tag);
    const comparer = new LocaleComparer(index);
    const targets = targetTags ?? [...loaded.locales.keys()].filter((tag) => tag !== source).sort();
    const reports = [];
    for (const [position, target] of targets.entries()) {
      ctx.signal.throwIfAborted();
      const flat = loaded.locales.get(target);
      if (!flat) continue;
      ctx.progress(`comparing ${target} (${position + 1}/${targets.length})`);
      const previous = batch?.previous.get(target);
      reports.push(comparer.compare(target, flat, { ...compareOptions, ...(previous ? { previous } : {}) }));
    }

    return translationsOutcome(
      {
        source,
        comparedKeys,
        batchOnly: compareOptions.inScope !== undefined,
        reports,
        absent: targets.filter((target) => !loaded.locales.has(target)),
        errors: loaded.errors,
        duplicates: loaded.duplicates,
        unrecognized: loaded.unrecognized,
        notes,
      },
      { placeholders: options.placeholders, maxListed: options.maxListed },
    );
  },
});

function countScoped(index: SourceIndex, changed: ReadonlySet<string>): number {
  const isChanged = (position: number) => changed.has(index.keys[position]!);
  return index.plain.filter(isChanged).length + index.groups.filter((group) => group.forms.some(isChanged)).length;
}
