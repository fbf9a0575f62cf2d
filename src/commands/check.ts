import type { Output } from '../cli/output.js';
import { deployedBranch } from '../context/resolve-context.js';
import { catchInterrupts } from '../deploy/interrupt.js';
import { planDeploy } from '../deploy/plan.js';
import { ExitCode } from '../errors.js';
import type { CheckResult } from '../gate/contract.js';
import { describeLock, type Lock } from '../state/store.js';
import { publishGateReport, runGateStep } from './gate-step.js';
import { type GlobalOptions, loadProject, openStoreFetching, planBasics } from './project.js';
import { assertGateHasChecks, type Selection, selectChecks } from './select-checks.js';

export interface CheckOptions extends GlobalOptions, Selection {
  ref?: string;
  fetch?: boolean;
}

/** `shipit check`: run the gate on what the next deploy would ship; exit 0 when it passes, 1 when blocked. */
export async function checkCommand(options: CheckOptions, output: Output): Promise<number> {
  const project = await loadProject(options);
  const { checks, skips } = selectChecks(project.checks, 'deploy', options);
  assertGateHasChecks(project.checks, checks, 'deploy', project.label);
  const stateNotes: string[] = [];
  const branch = await deployedBranch(project.repoRoot, project.config.remote, project.config.branch);
  const fetch = options.fetch !== false;
  // The branch comes in the state's fetch: one `git fetch`, not two.
  const { store, branchFetched } = await openStoreFetching(project, stateNotes, fetch ? branch : undefined);
  const plan = await planDeploy(store, {
    ...planBasics(project),
    branch,
    ref: options.ref,
    fetch: fetch && !branchFetched,
  });
  const lock = await store.readLock();
  // Ctrl-C stops the checks through their abort signal, so each command check's whole process
  // group is stopped by shipit itself, not only by the watchdog once shipit is gone.
  const interrupt = catchInterrupts(() => output.info('\nInterrupted: stopping the checks…'));
  try {
    const report = await runGateStep(
      { ...plan.context, batch: plan.shipping, notes: [...stateNotes, ...plan.context.notes] },
      {
        action: 'deploy',
        checks,
        skips,
        concurrency: project.config.concurrency,
        secretNames: project.config.secrets,
        readSha: plan.target,
        excluded: plan.exclusions.map((exclusion) => exclusion.commit),
        extraResults: lock ? [lockResult(lock)] : [],
        signal: interrupt.signal,
      },
      output,
    );
    interrupt.throwIfInterrupted('while the checks ran: no verdict');
    // Only a blocked gate suggests an exclusion: its code loads then, not on every check.
    const suggestions = report.verdict.ok ? undefined : await import('./gate-suggestion.js');
    if (suggestions)
      report.suggestion = await suggestions.gateSuggestion(project.repoRoot, plan, report.results, checks);
    await publishGateReport({ ...report, origin: { candidate: plan.context.candidate, live: plan.live } }, output);
    suggestions?.printSuggestion(report.suggestion, output);
    return report.verdict.ok ? ExitCode.ok : ExitCode.blocked;
  } finally {
    interrupt.dispose();
  }
}

/** A held lock is part of the truth about whether one may deploy now. */
function lockResult(lock: Lock): CheckResult {
  return {
    name: 'lock',
    severity: 'blocking',
    status: 'fail',
    summary: describeLock(lock) + (lock.stale ? ' (stale: `shipit unlock --force` clears it)' : ''),
    details: [],
    durationMs: 0,
  };
}
