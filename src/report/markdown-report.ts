import type { CheckResult } from '../gate/contract.js';
import { shortSha } from '../text/sha.js';
import { formatDuration } from '../time/duration.js';
import type { GateReport } from './gate-report.js';
import { MARKS } from './style.js';
import { describeForced } from './text-report.js';
import { safeMarkdown, safeMarkdownUrl } from './untrusted-text.js';

/** The report as GitHub-flavoured Markdown, for $GITHUB_STEP_SUMMARY. */
export function renderMarkdownReport(report: GateReport): string {
  const { verdict } = report;
  const title =
    verdict.total === 0
      ? 'NO GATE: no check ran'
      : verdict.ok
        ? `✅ GATE PASSED: ${verdict.passed}/${verdict.total} green`
        : `⛔ GATE BLOCKED: ${verdict.failing} failing${report.forced ? ' · FORCED' : ''}`;
  const lines = [
    `### shipit · ${safeMarkdown(report.environment)}: ${title}`,
    '',
    `Candidate \`${shortSha(report.candidate.sha)}\` (${safeMarkdown(report.candidate.ref)}) · live ${
      report.production ? `\`${shortSha(report.production.sha)}\`` : 'none yet'
    } · ${report.batch.length} commits`,
    '',
    '| | Check | Time | Summary |',
    '|---|---|---|---|',
  ];
  for (const result of report.results) {
    const time = result.status === 'skip' ? '' : formatDuration(result.durationMs);
    const name = safeMarkdown(result.title ?? result.name);
    lines.push(`| ${MARKS[result.status]} | ${name} | ${time} | ${summaryCell(result)} |`);
  }
  if (report.forced) lines.push('', `> **${safeMarkdown(describeForced(report.forced))}**`);
  for (const note of report.notes) lines.push('', `> ${safeMarkdown(note)}`);
  return `${lines.join('\n')}\n\n`;
}

function summaryCell(result: CheckResult): string {
  const summary = safeMarkdown(result.summary);
  const url = result.url ? safeMarkdownUrl(result.url) : null;
  const details = (result.details ?? []).map(safeMarkdown);
  if (result.url && !url) details.push(safeMarkdown(result.url));
  return [url ? `[${summary}](${url})` : summary, ...details].join('<br>');
}
