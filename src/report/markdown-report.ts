import { formatDuration } from '../config/duration.js';
import type { GateReport } from './gate-report.js';
import { MARKS } from './style.js';

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The report as GitHub-flavoured Markdown, for $GITHUB_STEP_SUMMARY. */
export function renderMarkdownReport(report: GateReport): string {
  const { verdict } = report;
  const title = verdict.ok
    ? `✅ GATE PASSED: ${verdict.passed}/${verdict.total} green`
    : `⛔ GATE BLOCKED: ${verdict.failing} failing`;
  const lines = [
    `### shipit · ${report.environment}: ${title}`,
    '',
    `Candidate \`${report.candidate.sha.slice(0, 7)}\` (${report.candidate.ref}) · production ${
      report.production ? `\`${report.production.sha.slice(0, 7)}\`` : 'none yet'
    } · ${report.batch.length} commits`,
    '',
    '| | Check | Time | Summary |',
    '|---|---|---|---|',
  ];
  for (const result of report.results) {
    const summary = result.url ? `[${escapeCell(result.summary)}](${result.url})` : escapeCell(result.summary);
    const details = (result.details ?? []).map(escapeCell).join('<br>');
    const time = result.status === 'skip' ? '' : formatDuration(result.durationMs);
    lines.push(
      `| ${MARKS[result.status]} | ${escapeCell(result.name)} | ${time} | ${summary}${details ? `<br>${details}` : ''} |`,
    );
  }
  for (const note of report.notes) lines.push('', `> ${note}`);
  return `${lines.join('\n')}\n\n`;
}
