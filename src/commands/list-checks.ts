import type { Output } from '../cli/output.js';
import { safeLine } from '../report/untrusted-text.js';
import { formatDuration } from '../time/duration.js';
import { type GlobalOptions, loadProject } from './project.js';

/** `shipit checks`: the configured checks, what they guard and how long they may take. */
export async function listChecksCommand(options: GlobalOptions, output: Output): Promise<number> {
  const project = await loadProject(options);
  if (output.json) {
    output.printJson(
      project.checks.map(({ name, title, kind, severity, on, timeoutMs }) => ({
        name,
        title: title ?? null,
        kind: kind ?? null,
        severity,
        on,
        timeoutMs,
      })),
    );
    return 0;
  }
  output.print(output.chalk.bold(`${project.checks.length} checks in ${project.label}`));
  const width = Math.max(4, ...project.checks.map((check) => check.name.length));
  for (const check of project.checks) {
    const flags = [check.on.join('+'), check.severity, `timeout ${formatDuration(check.timeoutMs)}`].join(', ');
    output.print(
      `  ${safeLine(check.name).padEnd(width)}  ${output.chalk.dim(flags)}${check.title ? `  ${safeLine(check.title)}` : ''}`,
    );
    if (check.kind) output.print(`  ${' '.repeat(width)}  ${output.chalk.dim(check.kind)}`);
  }
  return 0;
}
