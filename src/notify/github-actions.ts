import type { CheckResult } from '../gate/contract.js';
import { safeLine } from '../report/untrusted-text.js';

// GitHub Actions reads workflow commands (`::error title=…::message`) from a step's output.
// Whatever goes into one is escaped by the runner's own rules (toolkit's command.ts), so a check
// summary cannot end the command early or start one of its own (`::add-mask::`, `::stop-commands::`).

export const isGitHubActions = (env: NodeJS.ProcessEnv = process.env): boolean => env.GITHUB_ACTIONS === 'true';

/** A command's message: `%`, CR and LF escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: the message's escapes plus `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function workflowCommand(name: string, properties: Record<string, string>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

/**
 * One annotation per check that did not pass: a blocking failure is an error, a warning-only
 * failure or a `warn` a warning, a skipped check a notice (with why). Control characters are made
 * visible first (safeLine turns a newline into `\n`): the summary and each detail is one line of the annotation.
 */
/** Details shown in one annotation; the report has them all. */
const DETAILS = 10;

export function checkAnnotations(results: readonly CheckResult[], environment: string): string[] {
  const lines: string[] = [];
  for (const result of results) {
    const level =
      result.status === 'fail'
        ? result.severity === 'blocking'
          ? 'error'
          : 'warning'
        : result.status === 'warn'
          ? 'warning'
          : result.status === 'skip'
            ? 'notice'
            : null;
    if (!level) continue;
    const why = result.status === 'skip' && result.skipReason ? ` (skipped: ${result.skipReason})` : '';
    const title = `shipit ${environment}: ${result.name}`;
    const text = [`${result.summary}${why}`, ...(result.details ?? []).slice(0, DETAILS)].map(safeLine).join('\n');
    lines.push(workflowCommand(level, { title: safeLine(title) }, text));
  }
  return lines;
}

/** A collapsible section of the log around the deploy script's output. */
export const startGroup = (title: string): string => `::group::${escapeData(safeLine(title))}`;
export const endGroup = (): string => '::endgroup::';
