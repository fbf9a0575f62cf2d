import { type AutoReason, failedBefore, inProgress } from '../auto/decision.js';
import { type FaultyCommit, type FaultyScanCache, findFaultyCommits } from '../auto/faulty-commits.js';
import { type RoundMemory, readRoundState } from '../auto/round-state.js';
import { markAutoTrigger } from '../auto/trigger-step.js';
import type { Output } from '../cli/output.js';
import type { Interrupt } from '../deploy/interrupt.js';
import { untilAborted } from '../deploy/interrupt.js';
import { type DeployPlan, planDeploy } from '../deploy/plan.js';
import type { ScriptConfig } from '../deploy/run-script.js';
import { describeError, ExitCode, isShipitError } from '../errors.js';
import type { Check } from '../gate/contract.js';
import { commitLabel } from '../git/commits.js';
import type { GateReport } from '../report/gate-report.js';
import { safeLine } from '../report/untrusted-text.js';
import { type DeployRecord, describeLock, type Lock, type StateStore } from '../state/store.js';
import { plural } from '../text/plural.js';
import { shortSha } from '../text/sha.js';
import { deployExecution } from './deploy-execution.js';
import { executeGatedDeploy } from './deploy-flow.js';
import { runDeployGate } from './deploy-gate.js';
import { printPlan } from './deploy-output.js';
import { executionBasics } from './execution-basics.js';
import { type Project, planBasics } from './project.js';

export interface AutoSetup extends RoundMemory {
  project: Project;
  store: StateStore;
  /** Who the deploy is recorded as (the CI actor, else the user). */
  actor: string;
  script: ScriptConfig;
  checks: Check[];
  interrupt: Interrupt;
  /** What the faulty-commit rule learnt from git in earlier rounds. */
  faultyCache: FaultyScanCache;
  /** The branch to deploy: the config's, else the remote's default as the first round found it. */
  branch?: string;
}

/** One round's decision, as `auto` prints it (and `--json` gives it). */
export interface AutoRound {
  reason: AutoReason;
  message: string;
  plan: DeployPlan | null;
  lock: Lock | null;
  faulty: FaultyCommit[];
  gate: GateReport | null;
  deploy: DeployRecord | null;
  exitCode: number;
}

const NO_CHECKS = new Map<string, string>();

/**
 * One decision of `shipit auto`: the rules in order (lock, a deploy in progress, something
 * to deploy, a failure of the same candidate, faulty commits, the gate), then the deploy
 * through the same flow as `shipit deploy` (lock, recheck, script, record).
 */
export async function autoRound(setup: AutoSetup, output: Output): Promise<AutoRound> {
  const { project, store, interrupt } = setup;
  const { environment } = project;
  const round: AutoRound = {
    reason: 'up-to-date',
    message: '',
    plan: null,
    lock: null,
    faulty: [],
    gate: null,
    deploy: null,
    exitCode: ExitCode.ok,
  };
  const decide = (reason: AutoReason, message: string, exitCode: number = ExitCode.ok) =>
    Object.assign(round, { reason, message, exitCode });

  // One look at the remote and one read of the history serve every rule below.
  const { lock, records, branchFetched, tip } = await readRoundState(
    store,
    { ...project, branch: setup.branch },
    setup,
  );
  const latest = records[0];
  if (lock) {
    round.lock = lock;
    return decide(
      'locked',
      `no deploy: ${describeLock(lock)}${lock.stale ? ' (stale: `shipit unlock --force` clears it)' : ''}`,
    );
  }
  const running = inProgress(latest);
  if (running) {
    return decide('busy', `no deploy: ${running.action} #${running.id} by ${running.user} is ${running.status}`);
  }

  // The first plan reuses the history read above and, in step, the branch tip the look found;
  // after the lock's wait, the history is read again.
  const makePlan = (pinned?: string, first?: { records: DeployRecord[]; tip?: string }) =>
    untilAborted(
      planDeploy(store, {
        ...planBasics(project),
        branch: setup.branch,
        records: first?.records,
        ref: pinned ?? first?.tip,
        refLabel: first?.tip ? `${store.remote}/${setup.branch}` : undefined,
        fetch: Boolean(first) && !branchFetched,
        fetchRequired: true,
        user: setup.actor,
        signal: interrupt.signal,
      }),
      interrupt.signal,
      'while planning: nothing was deployed',
    );
  const plan = await makePlan(undefined, { records, tip });
  setup.branch = plan.context.branch;
  round.plan = plan;
  if (plan.upToDate)
    return decide('up-to-date', `no deploy: ${environment} already runs ${shortSha(plan.target)}, nothing to deploy`);
  const failed = failedBefore(latest, plan.context.candidate.sha);
  if (failed) {
    return decide(
      'failed-before',
      `no deploy: deploy #${failed.id} of ${shortSha(failed.candidate)} failed; auto waits for a new commit or a person's \`shipit deploy\``,
    );
  }
  round.faulty = await findFaultyCommits(project.repoRoot, {
    records,
    shipping: plan.shipping,
    batch: plan.context.batch,
    liveCandidate: plan.live?.candidate ?? null,
    cache: setup.faultyCache,
  });
  if (round.faulty.length) {
    const named = round.faulty.map(({ commit, deployId }) => `${safeLine(commitLabel(commit))} (faulty #${deployId})`);
    return decide(
      'faulty-commits',
      `no deploy: the batch holds ${plural(round.faulty.length, 'commit')} of a faulty release: ${named.join(', ')}; exclude (\`shipit deploy --exclude <sha>\`) or revert them`,
    );
  }

  printPlan(plan, output);
  const gateOptions = {
    checks: setup.checks,
    skips: NO_CHECKS,
    concurrency: project.config.concurrency,
    secretNames: project.config.secrets,
    interrupt,
    publish: !output.json,
  };
  const gate = await runDeployGate(plan, gateOptions, output);
  round.gate = gate.report;
  if (!gate.ok)
    return decide('gate-blocked', `no deploy: the gate is blocked (${gate.failing.map(safeLine).join(', ')})`);

  const basics = executionBasics(project, {
    user: setup.actor,
    script: setup.script,
    lockWaitMs: 0,
    interrupt,
    output,
  });
  const executionOf = (planned: DeployPlan) => ({
    ...deployExecution(planned, {
      basics,
      ref: plan.context.candidate.ref,
      forced: undefined,
      skipped: undefined,
      releaseRef: project.config.release?.ref,
    }),
    lifecycle: [markAutoTrigger, ...basics.lifecycle],
  });
  const what = `${plural(plan.shipping.length, 'commit')} to ${environment} (${shortSha(plan.target)})`;
  try {
    const flow = { store, environment, plan, makePlan, gateOptions, executionOf, planned: executionOf(plan) };
    const result = await executeGatedDeploy(flow, output);
    if (!result) return decide('up-to-date', `no deploy: another deploy shipped ${shortSha(plan.target)} first`);
    round.deploy = result.record;
    if (result.outcome.status === 'success')
      return decide('deployed', `deployed ${what} as #${result.record.id}: the gate is green`);
    const code = result.outcome.status === 'aborted' ? ExitCode.interrupted : ExitCode.failed;
    return decide(
      'deploy-failed',
      `deploy #${result.record.id} of ${what} ${result.record.status}: ${safeLine(result.record.message ?? '')} (log: ${result.logFile})`,
      code,
    );
  } catch (error) {
    // Two auto processes: the lock's compare-and-swap lets one through; the other says who has it.
    if (isShipitError(error) && error.code === 'locked')
      return decide('locked', `no deploy: ${safeLine(describeError(error))}`);
    if (isShipitError(error) && error.code === 'gate-blocked')
      return decide('gate-blocked', `no deploy: ${safeLine(error.message)}`);
    throw error;
  }
}
