import type { ChalkInstance } from 'chalk';
import type { CheckResult } from '../gate/contract.js';
import type { Verdict } from '../gate/verdict.js';
import { distinctAuthors } from '../git/author.js';
import { plural } from '../text/plural.js';
import { shortSha } from '../text/sha.js';
import { formatDuration } from '../time/duration.js';
import type { Forced, GateReport } from './gate-report.js';
import { MARKS, paintStatus } from './style.js';
import { safeLine } from './untrusted-text.js';

/** The human report: one line per check, indented details, the verdict last. */
export function renderTextReport(report: GateReport, chalk: ChalkInstance): string {
  const lines: string[] = [];
  lines.push(chalk.bold(headline(report)));
  for (const note of report.notes) lines.push(chalk.dim(`  note: ${safeLine(note)}`));
  lines.push('');
  const nameWidth = Math.max(4, ...report.results.map((result) => displayName(result).length));
  for (const result of report.results) lines.push(...renderResult(result, nameWidth, chalk));
  lines.push('');
  lines.push(renderVerdict(report.verdict, chalk));
  if (report.forced) lines.push(chalk.red.bold(describeForced(report.forced)));
  return `${lines.join('\n')}\n`;
}

function headline(report: GateReport): string {
  const without = report.excluded.length ? ` without ${plural(report.excluded.length, 'excluded commit')}` : '';
  const parts = [
    `${report.environment}`,
    `candidate ${shortSha(report.candidate.sha)} (${safeLine(report.candidate.ref)}${without})`,
  ];
  // What runs in this environment now (staging's own release on staging): `live`, as in --json.
  parts.push(report.production ? `live ${shortSha(report.production.sha)}` : 'nothing deployed yet');
  const authors = distinctAuthors(report.batch).length;
  parts.push(
    report.batch.length ? `${plural(report.batch.length, 'commit')} by ${plural(authors, 'author')}` : 'no new commits',
  );
  return parts.join(' · ');
}

function renderResult(result: CheckResult, nameWidth: number, chalk: ChalkInstance): string[] {
  const mark = paintStatus(chalk, result.status, MARKS[result.status]);
  const duration = result.status === 'skip' ? '-' : formatDuration(result.durationMs);
  const lines = [
    `  ${mark} ${displayName(result).padEnd(nameWidth)}  ${chalk.dim(duration.padStart(6))}  ${safeLine(result.summary)}`,
  ];
  const indent = ' '.repeat(nameWidth + 14);
  for (const detail of result.details ?? []) lines.push(`${indent}${chalk.dim(safeLine(detail))}`);
  if (result.url) lines.push(`${indent}${chalk.cyan(safeLine(result.url))}`);
  return lines;
}

const displayName = (result: CheckResult) => safeLine(result.title ?? result.name);

function renderVerdict(verdict: Verdict, chalk: ChalkInstance): string {
  const extras = [
    verdict.warnings ? plural(verdict.warnings, 'warning') : '',
    verdict.skipped ? `${verdict.skipped} skipped` : '',
  ].filter(Boolean);
  const tail = extras.length ? `, ${extras.join(', ')}` : '';
  // A deploy or rollback no check guards goes ahead, but must not claim "GATE PASSED 0/0" (`check` refuses).
  if (verdict.total === 0) return chalk.bold('NO GATE: no check ran');
  if (verdict.ok) return chalk.green.bold(`GATE PASSED: ${verdict.passed}/${verdict.total} green${tail}`);
  return chalk.red.bold(`GATE BLOCKED: ${verdict.failing} failing${tail}`);
}

/** The line that says a deploy goes ahead over a blocked gate, in every format. */
export function describeForced(forced: Forced): string {
  return `FORCED: deploying over the blocked gate, ignoring ${forced.ignoredChecks.map(safeLine).join(', ')}; reason: ${safeLine(forced.reason)}`;
}
