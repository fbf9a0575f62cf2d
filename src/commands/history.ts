import type { Output } from '../cli/output.js';
import { ShipitError } from '../errors.js';
import { safeLine } from '../report/untrusted-text.js';
import type { DeployRecord } from '../state/store.js';
import { shortSha } from '../text/sha.js';
import { formatDuration } from '../time/duration.js';
import { type GlobalOptions, loadProject, openProjectStore } from './project.js';
import { triggerLabel, verificationLine } from './record-notes.js';

const STATUS_MARK: Record<DeployRecord['status'], string> = {
  success: '✔',
  failure: '✖',
  aborted: '○',
  running: '…',
  verifying: '…',
  faulty: '✖',
};

/** `shipit history`: every deploy and rollback of the environment, newest first. */
export async function historyCommand(
  options: GlobalOptions & { limit?: string; json?: boolean },
  output: Output,
): Promise<number> {
  const limit = options.limit === undefined ? 20 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ShipitError('bad-limit', `--limit ${options.limit}: expected a whole number above 0`);
  }
  const project = await loadProject(options);
  const store = await openProjectStore(project);
  const records = await store.listRecords({ limit });
  if (output.json) {
    output.printJson({ environment: project.environment, records });
    return 0;
  }
  if (records.length === 0) {
    output.print(`No deploy of ${project.environment} is recorded yet.`);
    return 0;
  }
  const { chalk } = output;
  for (const record of records) {
    const took = record.durationMs !== undefined ? formatDuration(record.durationMs) : 'running';
    const paint =
      record.status === 'success'
        ? chalk.green
        : ['running', 'verifying'].includes(record.status)
          ? chalk.cyan
          : chalk.red;
    const when = record.startedAt.replace('T', ' ').slice(0, 16);
    const previous = record.previousSha ? ` (was ${shortSha(record.previousSha)})` : '';
    output.print(
      `${paint(`${STATUS_MARK[record.status]} #${String(record.id).padEnd(4)}`)} ${record.action.padEnd(8)} ${paint(record.status.padEnd(8))} ${chalk.yellow(shortSha(record.sha))}${previous}  ${safeLine(record.user)}${triggerLabel(record)}  ${chalk.dim(`${when} UTC, ${took}`)}`,
    );
    if (record.forced) {
      output.print(
        chalk.red(
          `      forced: ${safeLine(record.forced.reason)}${record.forced.ignoredChecks.length ? ` (ignored: ${record.forced.ignoredChecks.map(safeLine).join(', ')})` : ''}`,
        ),
      );
    }
    if (record.skipped) {
      output.print(
        chalk.yellow(
          `      skipped: ${record.skipped.checks.map(safeLine).join(', ')}: ${safeLine(record.skipped.reason)}`,
        ),
      );
    }
    for (const excluded of record.excluded) {
      output.print(
        chalk.magenta(
          `      excluded ${shortSha(excluded.sha)} "${safeLine(excluded.subject)}"${excluded.reason ? `: ${safeLine(excluded.reason)}` : ''}`,
        ),
      );
    }
    const verification = verificationLine(record);
    if (verification) output.print(chalk.dim(`      ${verification}`));
    // A failure says why; an adopted release says where it came from ("adopted: moving from Capistrano").
    const telling = record.status !== 'success' || record.action === 'adopt';
    if (telling && record.message) output.print(chalk.dim(`      ${safeLine(record.message)}`));
  }
  return 0;
}
