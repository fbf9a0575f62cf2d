import type { Output } from '../cli/output.js';
import { type Execution, executeDeploy } from '../deploy/execute.js';
import { catchInterrupts, untilAborted } from '../deploy/interrupt.js';
import { type DeployPlan, planDeploy } from '../deploy/plan.js';
import { releaseRefName } from '../deploy/release-ref.js';
import { ExitCode, ShipitError } from '../errors.js';
import { safeLine } from '../report/untrusted-text.js';
import { secretValues } from '../secrets/mask.js';
import { currentUser, lockedError } from '../state/store.js';
import { shortSha } from '../text/sha.js';
import { parseDuration } from '../time/duration.js';
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
    // Before the plan: an outcome still to write, then a locked environment, refuse whatever the plan would say.
    await store.assertNoPendingOutcome();
    const lock = await untilAborted(store.readLock(), interrupt.signal, 'while reading the lock: nothing was deployed');
    if (lock && !options.dryRun && !lockWaitMs) throw lockedError(lock);
    // Planning and building a release cannot all be cancelled from inside: Ctrl-C stops waiting for them.
    const makePlan = (pinned?: string) =>
      untilAborted(
        planDeploy(store, {
          ...planBasics(project),
          ref: pinned ?? options.ref,
          fetch: pinned ? false : options.fetch,
          fetchRequired: true,
          exclude: options.exclude,
          include: options.include,
          reason: options.reason,
          user,
        }),
        interrupt.signal,
        'while planning: nothing was deployed',
      );
    let plan = await makePlan();
    const refLabel = plan.context.candidate.ref;
    printPlan(plan, output);
    if (plan.upToDate) {
      output.print(`Nothing to deploy: ${project.environment} already runs ${shortSha(plan.target)}.`);
      return ExitCode.ok;
    }

    const runDeployGate = async (planned: DeployPlan) => {
      const report = await runGateStep(
        {
          ...planned.context,
          batch: planned.shipping,
          notes: [...planned.context.notes, ...ungatedNotes(checks, 'deploy')],
        },
        {
          action: 'deploy',
          checks,
          skips,
          concurrency: project.config.concurrency,
          secretNames: project.config.secrets,
          readSha: planned.target,
          excluded: planned.exclusions.map((exclusion) => exclusion.commit),
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
      await publishGateReport({ ...report, forced }, output);
      return { ok: report.verdict.ok, failing, forced };
    };
    const gate = await runDeployGate(plan);
    if (!gate.ok && !gate.forced) {
      output.print(
        output.chalk.red(`Refusing to deploy: the gate is blocked (${gate.failing.map(safeLine).join(', ')}).`),
      );
      output.print('Fix the failing checks, or deploy anyway with --force --reason "<why>" in an emergency.');
      return ExitCode.blocked;
    }
    const releaseRefOf = (planned: DeployPlan) =>
      planned.target !== planned.context.candidate.sha
        ? releaseRefName(project.environment, project.config.release?.ref)
        : undefined;

    if (options.dryRun) {
      printDryRun(output, {
        action: 'deploy',
        script,
        environment: project.environment,
        sha: plan.target,
        previousSha: plan.live?.sha ?? null,
        ref: refLabel,
        excluded: plan.exclusions.map((exclusion) => exclusion.commit.sha),
        user,
        releaseRef: releaseRefOf(plan),
      });
      return ExitCode.ok; // a dry run of a deploy that would go ahead, forced or not
    }
    if (!(await confirmOrCancel(output, options.yes, `Deploy ${shortSha(plan.target)} to ${project.environment}?`))) {
      return ExitCode.blocked;
    }

    const executionOf = (planned: DeployPlan, forced: typeof gate.forced): Execution => {
      const releaseRef = releaseRefOf(planned);
      return {
        action: 'deploy',
        environment: project.environment,
        repoRoot: project.repoRoot,
        user,
        sha: planned.target,
        candidate: planned.context.candidate.sha,
        ref: refLabel,
        previousSha: planned.live?.sha ?? null,
        excluded: planned.exclusions.map((exclusion) => exclusion.record),
        forced,
        skipped: skips.size ? { reason: options.reason?.trim() ?? '', checks: [...skips.keys()] } : undefined,
        script,
        releaseRef: releaseRef ? { remote: planned.context.remote, ref: releaseRef } : undefined,
        lockWaitMs,
        secrets: secretValues({ ...process.env, ...script.env }, project.config.secrets),
        setup: { github: project.config.github, remote: project.config.remote },
        signal: interrupt.signal,
        echo: output.echo,
        warn: (message) => output.info(output.chalk.yellow(`warning: ${message}`)),
      };
    };
    const planned = executionOf(plan, gate.forced);
    const result = await executeDeploy(store, {
      ...planned,
      // The plan and the gate were made before the lock: if a deploy went live meanwhile
      // (--lock-wait, or a race), plan again from it and gate again, or an older commit
      // would go out over a newer one.
      async recheck() {
        await store.refresh();
        const live = await store.lastSuccessful();
        if (live?.id === plan.live?.id) return planned;
        output.info(
          `${project.environment} changed while this deploy waited (now #${live?.id} ${shortSha(live?.sha ?? '')}): planning and gating again`,
        );
        plan = await makePlan(plan.context.candidate.sha);
        printPlan(plan, output);
        if (plan.upToDate) return null;
        const again = await runDeployGate(plan);
        if (!again.ok && !again.forced) throw gateBlockedAfterWaitError(project.environment, again.failing);
        return executionOf(plan, again.forced);
      },
    });
    if (!result) {
      output.print(`Nothing to deploy: ${project.environment} already runs ${shortSha(plan.target)}.`);
      return ExitCode.ok;
    }
    return describeResult(result, output);
  } finally {
    interrupt.dispose();
  }
}

function gateBlockedAfterWaitError(environment: string, failing: string[]): ShipitError {
  return new ShipitError(
    'gate-blocked',
    `the gate is blocked (${failing.join(', ')}) for what ${environment} runs now, after waiting for the lock`,
    {
      hint: 'nothing was deployed; fix the failing checks, or deploy anyway with --force --reason "<why>"',
    },
  );
}

export function parseLockWait(text: string | undefined): number {
  if (text === undefined) return 0;
  const ms = parseDuration(text);
  if (ms === null) {
    throw new ShipitError('bad-duration', `--lock-wait ${text}: expected a duration like "30s" or "5m"`);
  }
  return ms;
}
