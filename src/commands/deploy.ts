import type { Output } from '../cli/output.js';
import { parseDuration } from '../config/duration.js';
import { executeDeploy } from '../deploy/execute.js';
import { catchInterrupts } from '../deploy/interrupt.js';
import { planDeploy } from '../deploy/plan.js';
import { releaseRefName } from '../deploy/release-ref.js';
import { ExitCode, ShipitError } from '../errors.js';
import { safeLine } from '../report/untrusted-text.js';
import { currentUser, lockedError } from '../state/store.js';
import { confirmOrCancel, describeResult, printDryRun, printPlan } from './deploy-output.js';
import { publishGateReport, runGateStep } from './gate-step.js';
import { type GlobalOptions, loadProject, openProjectStore, planBasics } from './project.js';
import { selectChecks, ungatedNotes } from './select-checks.js';

export interface DeployOptions extends GlobalOptions {
  ref?: string;
  yes?: boolean;
  dryRun?: boolean;
  force?: boolean;
  skip?: string[];
  reason?: string;
  exclude?: string[];
  include?: string[];
  lockWait?: string;
  fetch?: boolean;
}

/** `shipit deploy`: plan, gate, lock, run the team's script, record it for everyone. */
export async function deployCommand(options: DeployOptions, output: Output): Promise<number> {
  const project = await loadProject(options);
  const script = project.config.deploy;
  if (!script) {
    throw new ShipitError(
      'no-deploy-script',
      `${project.label}: no deploy.run is configured, so shipit does not know how to deploy`,
      {
        hint: "add deploy: { run: './scripts/deploy.sh' } (a command string run by sh, or an argv array)",
      },
    );
  }
  if (options.force && !options.reason?.trim()) {
    throw new ShipitError('force-needs-reason', '--force needs --reason "<why>": it is recorded with the deploy', {
      hint: 'e.g. --force --reason "hotfix for the checkout outage, CI is down"',
    });
  }
  const { checks, skips } = selectChecks(project.checks, 'deploy', options);
  const lockWaitMs = parseLockWait(options.lockWait);
  const interrupt = catchInterrupts(() => output.info('\nInterrupted: stopping…'));
  try {
    const user = await currentUser(project.repoRoot);
    const store = await openProjectStore(project, user);
    // Before the plan: a locked environment refuses with exit 4 whatever the plan would say.
    const lock = await store.readLock();
    if (lock && !options.dryRun && !lockWaitMs) throw lockedError(lock);
    const plan = await planDeploy(store, {
      ...planBasics(project),
      ref: options.ref,
      fetch: options.fetch,
      fetchRequired: true,
      exclude: options.exclude,
      include: options.include,
      reason: options.reason,
      user,
    });
    printPlan(plan, output);
    if (plan.upToDate) {
      output.print(`Nothing to deploy: ${project.environment} already runs ${plan.target.slice(0, 7)}.`);
      return ExitCode.ok;
    }

    const report = await runGateStep(
      { ...plan.context, batch: plan.shipping, notes: [...plan.context.notes, ...ungatedNotes(checks, 'deploy')] },
      {
        action: 'deploy',
        checks,
        skips,
        concurrency: project.config.concurrency,
        readSha: plan.target,
        excluded: plan.exclusions.map((exclusion) => exclusion.commit),
        signal: interrupt.signal,
      },
      output,
    );
    interrupt.throwIfInterrupted('during the gate: nothing was deployed');
    const failing = report.results.filter((result) => result.status === 'fail').map((result) => result.name);
    // --force over a blocked gate: the report says FORCED and which checks it ignores, and the record keeps it.
    const forced =
      !report.verdict.ok && options.force
        ? { reason: options.reason?.trim() ?? '', ignoredChecks: failing }
        : undefined;
    const skipped = skips.size ? { reason: options.reason?.trim() ?? '', checks: [...skips.keys()] } : undefined;
    await publishGateReport({ ...report, forced }, output);
    if (!report.verdict.ok && !forced) {
      output.print(output.chalk.red(`Refusing to deploy: the gate is blocked (${failing.map(safeLine).join(', ')}).`));
      output.print('Fix the failing checks, or deploy anyway with --force --reason "<why>" in an emergency.');
      return ExitCode.blocked;
    }
    const releaseRef =
      plan.target !== plan.context.candidate.sha
        ? releaseRefName(project.environment, project.config.release?.ref)
        : undefined;

    if (options.dryRun) {
      printDryRun(output, {
        action: 'deploy',
        script,
        environment: project.environment,
        sha: plan.target,
        previousSha: plan.live?.sha ?? null,
        ref: plan.context.candidate.ref,
        excluded: plan.exclusions.map((exclusion) => exclusion.commit.sha),
        user,
        releaseRef,
      });
      return ExitCode.ok; // a dry run of a deploy that would go ahead, forced or not
    }
    if (!(await confirmOrCancel(output, options.yes, `Deploy ${plan.target.slice(0, 7)} to ${project.environment}?`))) {
      return ExitCode.blocked;
    }

    const result = await executeDeploy(store, {
      action: 'deploy',
      environment: project.environment,
      repoRoot: project.repoRoot,
      user,
      sha: plan.target,
      candidate: plan.context.candidate.sha,
      ref: plan.context.candidate.ref,
      previousSha: plan.live?.sha ?? null,
      excluded: plan.exclusions.map((exclusion) => exclusion.record),
      forced,
      skipped,
      script,
      releaseRef: releaseRef ? { remote: plan.context.remote, ref: releaseRef } : undefined,
      lockWaitMs,
      setup: { github: project.config.github, remote: project.config.remote },
      signal: interrupt.signal,
      echo: (chunk) => (output.json ? process.stderr : process.stdout).write(chunk),
      warn: (message) => output.info(output.chalk.yellow(`warning: ${message}`)),
    });
    return describeResult(result, output);
  } finally {
    interrupt.dispose();
  }
}

export function parseLockWait(text: string | undefined): number {
  if (text === undefined) return 0;
  const ms = parseDuration(text);
  if (ms === null) {
    throw new ShipitError('bad-duration', `--lock-wait ${text}: expected a duration like "30s" or "5m"`);
  }
  return ms;
}
