import type { GitHub } from './client.js';
import { type FollowUps, followPages, type RawCommit, readCommit } from './signals-pages.js';
import { SIGNALS_FRAGMENT } from './signals-query.js';

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

const COMMITS_PER_QUERY = 100;
const SHA = /^[0-9a-f]{40}$/;
const cache = new WeakMap<GitHub, Map<string, Promise<Map<string, CommitSignals>>>>();

/**
 * CI contexts, workflow runs and pull requests of each commit: one GraphQL query per 100 commits,
 * plus one per extra page wherever GitHub has more. Shared by every check of the
 * gate that asks for the same commits, so a gate pays for them once.
 */
export function fetchCommitSignals(
  gh: GitHub,
  shas: string[],
  options: { signal?: AbortSignal; fresh?: boolean } = {},
): Promise<Map<string, CommitSignals>> {
  const byShas = cache.get(gh) ?? new Map<string, Promise<Map<string, CommitSignals>>>();
  cache.set(gh, byShas);
  const key = shas.join(',');
  let pending = options.fresh ? undefined : byShas.get(key);
  if (!pending) {
    pending = gh.call(() => fetchAll(gh, shas));
    const fetching = pending;
    fetching.catch(() => byShas.get(key) === fetching && byShas.delete(key));
    byShas.set(key, fetching);
  }
  return options.signal ? untilAborted(pending, options.signal) : pending;
}

async function fetchAll(gh: GitHub, shas: string[]): Promise<Map<string, CommitSignals>> {
  const bad = shas.find((sha) => !SHA.test(sha));
  if (bad) throw new Error(`not a full commit sha: ${JSON.stringify(bad)}`);
  const result = new Map<string, CommitSignals>();
  const chunks: string[][] = [];
  for (let i = 0; i < shas.length; i += COMMITS_PER_QUERY) chunks.push(shas.slice(i, i + COMMITS_PER_QUERY));
  const followUps: FollowUps = { contexts: [], suites: [], pullRequests: [], labels: [] };
  await Promise.all(
    chunks.map(async (chunk) => {
      const fields = chunk.map((sha, i) => `c${i}: object(oid: "${sha}") { ...signals }`).join('\n');
      const query = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {\n${fields}\n} }\n${SIGNALS_FRAGMENT}`;
      const data = await gh.octokit.graphql<{ repository: Record<string, RawCommit | null> }>(query, {
        owner: gh.owner,
        name: gh.repo,
      });
      chunk.forEach((sha, i) => {
        const raw = data.repository[`c${i}`];
        result.set(sha, readCommit(sha, raw ?? null, followUps));
      });
    }),
  );
  await followPages(gh, result, followUps);
  return result;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
