// Per-test data the fake GitHub serves: commits, their CI and pull requests, deployments.

export type CheckRunStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'pending' | 'requested';
export type CheckRunConclusion =
  | 'success'
  | 'failure'
  | 'neutral'
  | 'cancelled'
  | 'skipped'
  | 'timed_out'
  | 'action_required'
  | 'startup_failure'
  | 'stale';
export type StatusState = 'success' | 'failure' | 'error' | 'pending' | 'expected';

export interface CheckRunSpec {
  name: string;
  /** Default: completed. */
  status?: CheckRunStatus;
  /** Default: success when completed. */
  conclusion?: CheckRunConclusion;
  detailsUrl?: string;
  startedAt?: string;
  /** Default: 30 seconds after it started, when completed. */
  completedAt?: string;
  /** Larger for a later run; default: its position in the scenario. */
  id?: number;
  /** A GitHub Actions job of this workflow; without it, a check run of another app. */
  workflow?: string;
  /** The workflow's trigger; default push. */
  event?: string;
  /** Its workflow run's id (GITHUB_RUN_ID); default: one run per workflow and event. */
  runId?: number;
  /** The app's slug; default github-actions for a workflow job, ci-app otherwise. */
  app?: string;
}

/** A workflow run seen through its check suite: state set here wins over the one derived from its jobs. */
export interface WorkflowRunSpec {
  id: number;
  workflow: string;
  event?: string;
  status?: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'pending' | 'requested';
  conclusion?: CheckRunConclusion | 'failure';
}

export interface StatusSpec {
  context: string;
  state: StatusState;
  targetUrl?: string;
  createdAt?: string;
}

export interface PullRequestSpec {
  number: number;
  title?: string;
  author?: string;
  labels?: string[];
  reviewDecision?: 'APPROVED' | 'CHANGES_REQUESTED' | 'REVIEW_REQUIRED' | null;
  /** Default: merged. */
  state?: 'OPEN' | 'CLOSED' | 'MERGED';
  isDraft?: boolean;
  /** Every review, oldest first; GitHub keeps the latest approval or change request of each writer. */
  reviews?: { author: string; state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' }[];
}

/** What GitHub's branch protection and rulesets require on a branch. */
export interface BranchRulesSpec {
  /** Classic branch protection; unset: the branch is not protected (404). */
  protection?: { contexts: string[]; checks?: { context: string; app_id: number | null }[] };
  /** Ruleset `required_status_checks` contexts. */
  rulesets?: string[];
  /** Answer the protection endpoint with 403, as for a token without admin rights. */
  forbidden?: boolean;
}

export interface CommitSpec {
  checkRuns?: CheckRunSpec[];
  statuses?: StatusSpec[];
  /** Workflow runs with no job yet, or whose state differs from their jobs' (startup failure, waiting). */
  workflowRuns?: WorkflowRunSpec[];
  /** Numbers of pull requests registered with setPullRequest. */
  pullRequests?: number[];
}

/** Git metadata for the compare API: the same shape as src/gate/contract.ts Commit. */
export interface GitCommitSpec {
  sha: string;
  subject: string;
  authorName: string;
  authorEmail: string;
  date: string;
  parents: string[];
}

export interface RecordedDeployment {
  id: number;
  sha: string;
  environment: string;
  description: string | null;
  payload: unknown;
  autoMerge: unknown;
  requiredContexts: unknown;
  statuses: { state: string; logUrl?: string; description?: string }[];
}

export class Scenario {
  repository = 'acme/app';
  token = 'ghp_testtoken0123456789abcdefABCDEF';
  readonly commits = new Map<string, CommitSpec>();
  readonly pullRequests = new Map<number, PullRequestSpec>();
  readonly gitCommits = new Map<string, GitCommitSpec>();
  readonly deployments: RecordedDeployment[] = [];
  readonly branchRules = new Map<string, BranchRulesSpec>();

  /** Where a GitCommitSpec is ancestor-walked for the compare API. */
  reachable(from: string): Set<string> {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const sha = stack.pop() as string;
      if (seen.has(sha)) continue;
      const commit = this.gitCommits.get(sha);
      if (!commit) continue;
      seen.add(sha);
      stack.push(...commit.parents);
    }
    return seen;
  }

  /** Commits in head not in base, oldest first (GitHub's compare order). */
  compare(
    base: string,
    head: string,
  ): { status: 'ahead' | 'behind' | 'diverged' | 'identical'; ahead: GitCommitSpec[]; behindBy: number } {
    const fromHead = this.reachable(head);
    const fromBase = this.reachable(base);
    const order = [...this.gitCommits.keys()];
    const ahead = order
      .filter((sha) => fromHead.has(sha) && !fromBase.has(sha))
      .map((sha) => this.gitCommits.get(sha) as GitCommitSpec);
    const behindBy = [...fromBase].filter((sha) => !fromHead.has(sha)).length;
    const status = base === head ? 'identical' : behindBy === 0 ? 'ahead' : ahead.length === 0 ? 'behind' : 'diverged';
    return { status, ahead, behindBy };
  }
}
