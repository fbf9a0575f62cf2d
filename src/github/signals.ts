// What GitHub says about one commit, whichever query or page it came from.

export interface CiContext {
  /** Check run: the job name; status: its context. */
  name: string;
  /** GitHub Actions only: the workflow that ran it, for the "CI / test" form GitHub shows. */
  workflow: string | null;
  /** What GitHub keeps apart: a status and a check run, two apps, two workflows, two events. */
  key: string;
  /** The workflow run it belongs to (GITHUB_RUN_ID), for Actions check runs. */
  runId: number | null;
  /** Lower-case GitHub value: a check run's conclusion (or its status while not completed), a status's state. */
  state: string;
  url: string | null;
  /** When the run or status started: the later one supersedes. */
  startedAt: string | null;
  /** When a check run finished: a run started after that is a re-run of it, one started before is a sibling. */
  completedAt: string | null;
  databaseId: number | null;
}

/** One GitHub Actions workflow run on the commit, seen through its check suite. */
export interface WorkflowRunInfo {
  workflow: string;
  event: string;
  runId: number | null;
  /** Lower-case suite status (queued, in_progress, waiting, completed…) or conclusion once completed. */
  state: string;
  completed: boolean;
  url: string;
  /** Jobs that have a check run so far: 0 while waiting for a runner, held by concurrency or failed at startup. */
  checkRuns: number;
}

export interface PullRequestInfo {
  number: number;
  title: string;
  url: string;
  author: string | null;
  labels: string[];
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  isDraft: boolean;
  /** The latest approval or change request of each reviewer with write access. */
  reviews: { author: string | null; state: string }[];
  /** False when GitHub had more reviewers than one page: the approval cannot be judged. */
  reviewsComplete: boolean;
  reviewDecision: 'APPROVED' | 'CHANGES_REQUESTED' | 'REVIEW_REQUIRED' | null;
}

export interface CommitSignals {
  /** False when GitHub does not know the commit (not pushed). */
  found: boolean;
  contexts: CiContext[];
  workflowRuns: WorkflowRunInfo[];
  pullRequests: PullRequestInfo[];
}
