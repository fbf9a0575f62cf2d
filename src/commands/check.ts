import type { Output } from '../cli/output.js';
import { resolveContext } from '../context/resolve-context.js';
import { ExitCode } from '../errors.js';
import { publishGateReport, runGateStep } from './gate-step.js';
import { type GlobalOptions, loadProject } from './project.js';
import { type Selection, selectChecks } from './select-checks.js';

export interface CheckOptions extends GlobalOptions, Selection {
  ref?: string;
  fetch?: boolean;
}

/** `shipit check`: run the gate and report; exit 0 when it passes, 1 when it is blocked. */
export async function checkCommand(options: CheckOptions, output: Output): Promise<number> {
  const project = await loadProject(options);
  const { checks, skips } = selectChecks(project.checks, 'deploy', options);
  const context = await resolveContext({
    repoRoot: project.repoRoot,
    environment: project.environment,
    remote: project.config.remote,
    branch: project.config.branch,
    ref: options.ref,
    fetch: options.fetch,
    productionSha: null,
  });
  const report = await runGateStep(
    context,
    { action: 'deploy', checks, skips, concurrency: project.config.concurrency },
    output,
  );
  await publishGateReport(report, output);
  return report.verdict.ok ? ExitCode.ok : ExitCode.blocked;
}
