import type { Output } from '../cli/output.js';
import type { Execution } from '../deploy/execute.js';
import type { Interrupt } from '../deploy/interrupt.js';
import type { DeployPlan } from '../deploy/plan.js';
import type { Check } from '../gate/contract.js';
import type { GateReport } from '../report/gate-report.js';
import { safeLine } from '../report/untrusted-text.js';
import { publishGateReport, runGateStep } from './gate-step.js';
import { gateSuggestion, printSuggestion } from './gate-suggestion.js';
import { ungatedNotes } from './select-checks.js';

export interface DeployGateOptions {
  checks: Check[];
  skips: ReadonlyMap<string, string>;
  concurrency?: number;
  secretNames: readonly string[];
  force?: boolean;
  reason?: string;
  interrupt: Interrupt;
  /** False: the caller prints the report itself (`auto --json` puts it in its own document). */
  publish?: boolean;
}

interface DeployGate {
  ok: boolean;
  report: GateReport;
  failing: string[];
  /** Set when --force goes over a blocked gate: the record keeps it. */
  forced: Execution['forced'];
}

/** Runs and publishes the gate over what a plan ships: its batch, read at the commit that goes live. */
export async function runDeployGate(plan: DeployPlan, options: DeployGateOptions, output: Output): Promise<DeployGate> {
  const report = await runGateStep(
    {
      ...plan.context,
      batch: plan.shipping,
      notes: [...plan.context.notes, ...ungatedNotes(options.checks, 'deploy')],
    },
    {
      action: 'deploy',
      checks: options.checks,
      skips: options.skips,
      concurrency: options.concurrency,
      secretNames: options.secretNames,
      readSha: plan.target,
      excluded: plan.exclusions.map((exclusion) => exclusion.commit),
      signal: options.interrupt.signal,
    },
    output,
  );
  options.interrupt.throwIfInterrupted('during the gate: nothing was deployed');
  const failing = report.results.filter((result) => result.status === 'fail').map((result) => result.name);
  // --force over a blocked gate: the report says FORCED and which checks it ignores, and the record keeps it.
  const forced =
    !report.verdict.ok && options.force ? { reason: options.reason?.trim() ?? '', ignoredChecks: failing } : undefined;
  const suggestion = report.verdict.ok
    ? undefined
    : await gateSuggestion(plan.context.repoRoot, plan, report.results, options.checks);
  const published = { ...report, forced, suggestion, origin: { candidate: plan.context.candidate, live: plan.live } };
  if (options.publish !== false) {
    await publishGateReport(published, output);
    printSuggestion(suggestion, output);
  }
  return { ok: report.verdict.ok, report: published, failing, forced };
}

/** Whether the deploy may go ahead: the gate passed, or --force overrode it. */
export function mayGoAhead(gate: DeployGate): boolean {
  return gate.ok || Boolean(gate.forced);
}

export function printGateRefusal(gate: DeployGate, output: Output): void {
  output.print(output.chalk.red(`Refusing to deploy: the gate is blocked (${gate.failing.map(safeLine).join(', ')}).`));
  output.print('Fix the failing checks, or deploy anyway with --force --reason "<why>" in an emergency.');
}
