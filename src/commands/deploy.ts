import type { Output } from '../cli/output.js';
import type { Execution } from '../deploy/execute.js';
import { catchInterrupts, untilAborted } from '../deploy/interrupt.js';
import { type DeployPlan, planDeploy } from '../deploy/plan.js';
import { ExitCode, ShipitError } from '../errors.js';
import { currentUser, lockedError } from '../state/store.js';
import { shortSha } from '../text/sha.js';
import { parseDuration } from '../time/duration.js';
import { deployExecution } from './deploy-execution.js';
import { executeGatedDeploy } from './deploy-flow.js';
import { mayGoAhead, printGateRefusal, runDeployGate } from './deploy-gate.js';
import { confirmOrCancel, describeResult, printDryRun, printPlan } from './deploy-output.js';
import { executionBasics } from './execution-basics.js';
import { type GlobalOptions, loadProject, openProjectStore, planBasics } from './project.js';
import { promotionFor } from './promotion.js';
import { withRunDocument } from './run-document.js';
import { selectChecks } from './select-checks.js';

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
  from?: string | true;
}

/** `shipit deploy`: plan, gate, lock, run the team's script, record it for everyone. */
export async function deployCommand(options: DeployOptions, output: Output): Promise<number> {
  return withRunDocument('deploy', output, (inner) => runDeploy(options, inner));
}

async function runDeploy(options: DeployOptions, output: Output): Promise<number> {
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
    const promotion = await promotionFor(project, store, options, output);
    // The release build stops on the signal; the rest of planning cannot all be cancelled from inside:
    // Ctrl-C stops waiting for it.
    const makePlan = (pinned?: string) =>
      untilAborted(
        planDeploy(store, {
          // A promotion names where its release comes from, not the branch commit's full sha.
          ...(promotion ? { refLabel: `${promotion.environment} #${promotion.deployId}` } : {}),
          ...planBasics(project),
          ref: pinned ?? promotion?.candidate ?? options.ref,
          promoted: promotion,
          fetch: pinned ? false : options.fetch,
          fetchRequired: true,
          exclude: options.exclude,
          include: options.include,
          reason: options.reason,
          user,
          signal: interrupt.signal,
        }),
        interrupt.signal,
        'while planning: nothing was deployed',
      );
    const plan = await makePlan();
    const refLabel = plan.context.candidate.ref;
    printPlan(plan, output);
    if (plan.upToDate) {
      output.print(`Nothing to deploy: ${project.environment} already runs ${shortSha(plan.target)}.`);
      return ExitCode.ok;
    }

    const gateOptions = {
      checks,
      skips,
      concurrency: project.config.concurrency,
      secretNames: project.config.secrets,
      force: options.force,
      reason: options.reason,
      interrupt,
    };
    const gate = await runDeployGate(plan, gateOptions, output);
    if (!mayGoAhead(gate)) {
      printGateRefusal(gate, output);
      return ExitCode.blocked;
    }
    const basics = executionBasics(project, { user, script, lockWaitMs, interrupt, output });
    const executionOf = (planned: DeployPlan, forced: Execution['forced']) =>
      deployExecution(planned, {
        basics,
        ref: refLabel,
        forced,
        skipped: skips.size ? { reason: options.reason?.trim() ?? '', checks: [...skips.keys()] } : undefined,
        releaseRef: project.config.release?.ref,
        promotedFrom: promotion && { environment: promotion.environment, deployId: promotion.deployId },
      });
    const planned = executionOf(plan, gate.forced);

    if (options.dryRun) {
      printDryRun(output, planned);
      return ExitCode.ok; // a dry run of a deploy that would go ahead, forced or not
    }
    if (!(await confirmOrCancel(output, options.yes, `Deploy ${shortSha(plan.target)} to ${project.environment}?`))) {
      return ExitCode.blocked;
    }

    const flow = { store, environment: project.environment, plan, makePlan, gateOptions, executionOf, planned };
    const result = await executeGatedDeploy(flow, output);
    if (!result) {
      output.print(`Nothing to deploy: ${project.environment} already runs ${shortSha(plan.target)}.`);
      return ExitCode.ok;
    }
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
