import type { Output } from '../cli/output.js';
import { ShipitError } from '../errors.js';
import { safeLine } from '../report/untrusted-text.js';
import { countBatches } from '../stats/batch-sizes.js';
import { computeDora, countsAsDeploy } from '../stats/dora.js';
import { formatDuration, parseDuration } from '../time/duration.js';
import { type GlobalOptions, loadProject, openStoreForReading } from './project.js';

/** `shipit stats`: the four DORA figures of the environment over `--since`, from the shared history. */
export async function statsCommand(options: GlobalOptions & { since?: string; json?: boolean }, output: Output) {
  const since = options.since ?? '30d';
  const periodMs = parseDuration(since);
  if (periodMs === null || periodMs <= 0) {
    throw new ShipitError('bad-since', `--since ${since}: expected a duration like "30d", "7d" or "12h"`);
  }
  const project = await loadProject(options);
  const notes: string[] = [];
  const store = await openStoreForReading(project, notes);
  const records = await store.listRecords();
  // SHIPIT_NOW, as for the deploy window: the same figures can be asked of any moment.
  const now = process.env.SHIPIT_NOW ? new Date(process.env.SHIPIT_NOW) : new Date();
  if (Number.isNaN(now.getTime())) {
    throw new ShipitError('bad-since', `SHIPIT_NOW is not a date: ${process.env.SHIPIT_NOW}`, {
      hint: 'set it to an ISO time like 2026-11-30T12:00:00Z, or unset it',
    });
  }
  const batches = await countBatches(project.repoRoot, records.filter(countsAsDeploy));
  const figures = computeDora({ records, now, periodMs, batchSizes: batches.sizes });
  const document = { environment: project.environment, since, ...figures, notes: [...notes, ...batches.notes] };
  if (output.json) {
    output.printJson(document);
    return 0;
  }
  const { chalk } = output;
  const { deploys, deployFrequency, batchSize, changeFailureRate, timeToRestore } = figures;
  output.print(
    chalk.bold(
      `${project.environment}, the last ${since} (${figures.from.slice(0, 16)} to ${figures.to.slice(0, 16)} UTC)`,
    ),
  );
  if (deploys.total === 0) output.print('  No deploy in this period.');
  output.print(
    `  deploy frequency     ${deployFrequency.perDay.toFixed(2)} a day, ${deployFrequency.perWeek.toFixed(1)} a week (${deploys.successful} successful deploys)`,
  );
  output.print(
    `  median batch size    ${batchSize.median === null ? 'n/a' : `${batchSize.median} commits`} (over ${batchSize.counted} deploys)`,
  );
  output.print(
    `  change failure rate  ${changeFailureRate === null ? 'n/a' : `${Math.round(changeFailureRate * 100)}%`} (${deploys.failed} failed, ${deploys.faulty} faulty, ${deploys.rolledBack} rolled back, of ${deploys.total} deploys)`,
  );
  output.print(
    `  time to restore      ${timeToRestore.medianMs === null ? 'n/a' : formatDuration(timeToRestore.medianMs)} (median of ${timeToRestore.restored} restored; ${timeToRestore.unrestored} not restored yet)`,
  );
  for (const note of document.notes) output.print(chalk.dim(`note: ${safeLine(note)}`));
  return 0;
}
