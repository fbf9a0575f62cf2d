import { currentContexts, displayName, nameMatcher, resultOf } from './ci-contexts.js';
import type { CiContext, CommitSignals, WorkflowRunInfo } from './signals.js';

export interface CiRules {
  required: string[];
  allowFailures: string[];
  ignore: string[];
  /** Jobs that run shipit itself: left out on every commit, so a failed gate never blocks the next one. */
  ownJobs: string[];
  /** GITHUB_RUN_ID: the workflow run the gate runs in, whose jobs are left out. */
  currentRunId: number | null;
}

export interface CiEntry {
  name: string;
  state: string;
  url: string | null;
}

export interface CommitCi {
  /** skipped: every check was skipped, so nothing ran on this commit. */
  verdict: 'green' | 'red' | 'pending' | 'missing' | 'skipped';
  failing: CiEntry[];
  allowedFailures: CiEntry[];
  /** Names still running, workflows with no job reported yet, and required contexts that never reported. */
  pending: CiEntry[];
  /** Deploy jobs waiting for an environment's approval: a person's call, not CI; shown, never counted. */
  awaitingApproval: CiEntry[];
  /** Red only from cancelled runs: on an earlier commit, a later push's `cancel-in-progress` did that. */
  onlyCancelled: boolean;
  /** The gate's own jobs left out (this workflow run, `ownJobs`). */
  ownJobs: string[];
  /** False when GitHub does not know the commit at all (not pushed). */
  known: boolean;
}

const entryOf = (context: CiContext): CiEntry => ({
  name: displayName(context),
  state: context.state,
  url: context.url,
});

/** The CI verdict of one commit under the check's rules. */
export function judgeCommit(signals: CommitSignals | undefined, rules: CiRules): CommitCi {
  const ignored = nameMatcher(rules.ignore);
  const allowed = nameMatcher(rules.allowFailures);
  const own = nameMatcher(rules.ownJobs);
  const isCurrentRun = (runId: number | null) => runId !== null && runId === rules.currentRunId;
  const ci: CommitCi = {
    verdict: 'green',
    failing: [],
    allowedFailures: [],
    pending: [],
    awaitingApproval: [],
    onlyCancelled: false,
    ownJobs: [],
    known: signals?.found ?? false,
  };
  const all = currentContexts(signals?.contexts ?? []);
  const contexts = all.filter((context) => {
    const mine = isCurrentRun(context.runId) || own(context);
    if (mine) ci.ownJobs.push(displayName(context));
    return !mine && !ignored(context);
  });
  for (const context of contexts) {
    // A job held for an environment's reviewers has run everything CI had to say.
    if (context.state === 'waiting') ci.awaitingApproval.push(entryOf(context));
    else if (resultOf(context.state) === 'fail')
      (allowed(context) ? ci.allowedFailures : ci.failing).push(entryOf(context));
    else if (resultOf(context.state) === 'pending') ci.pending.push(entryOf(context));
  }
  const runs = (signals?.workflowRuns ?? []).filter(
    (run) => !isCurrentRun(run.runId) && !ignored({ name: run.workflow, workflow: null }),
  );
  for (const run of runs) judgeWorkflowRun(run, all, ci, allowed);
  for (const pattern of rules.required) {
    const matches = nameMatcher([pattern]);
    if (!contexts.some(matches)) ci.pending.push({ name: pattern, state: 'expected, not reported', url: null });
  }
  ci.onlyCancelled = ci.failing.length > 0 && ci.failing.every((entry) => entry.state === 'cancelled');
  ci.verdict = verdictOf(ci, contexts);
  return ci;
}

function verdictOf(ci: CommitCi, contexts: CiContext[]): CommitCi['verdict'] {
  if (ci.failing.length) return 'red';
  if (ci.pending.length) return 'pending';
  if (contexts.length === 0 && ci.awaitingApproval.length === 0) return 'missing';
  return contexts.every((context) => context.state === 'skipped') ? 'skipped' : 'green';
}

/**
 * A workflow is more than its check runs: one queued for a runner, held by
 * `concurrency` or with jobs waiting on `needs:` shows no running job, and one
 * that failed at startup shows none at all. Either must not read as green.
 */
function judgeWorkflowRun(
  run: WorkflowRunInfo,
  contexts: CiContext[],
  ci: CommitCi,
  allowed: (context: { name: string; workflow: null }) => boolean,
): void {
  const entry = { name: `${run.workflow} (${run.event} workflow)`, url: run.url };
  if (run.completed) {
    if (run.checkRuns > 0 || resultOf(run.state) !== 'fail') return;
    const failed = { ...entry, state: `${run.state} before any job ran` };
    (allowed({ name: run.workflow, workflow: null }) ? ci.allowedFailures : ci.failing).push(failed);
    return;
  }
  // A job still running speaks for the workflow (or was left out on purpose by `ignore`).
  const jobs = contexts.filter((context) => context.runId !== null && context.runId === run.runId);
  if (jobs.some((context) => resultOf(context.state) === 'pending')) return;
  if (run.state === 'waiting') {
    ci.awaitingApproval.push({ ...entry, state: 'waiting for approval' });
    return;
  }
  const state = run.checkRuns === 0 ? `${run.state}, no job started yet` : `${run.state}, more jobs to come`;
  ci.pending.push({ ...entry, state });
}
