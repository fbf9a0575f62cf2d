import type { CiContext, PullRequestInfo, WorkflowRunInfo } from './signals.js';
import type { ContextNode, PullRequestNode, SuiteNode } from './signals-query.js';

// One GraphQL node into the shapes the checks read: the only place that knows GitHub's field names.

export function readContext(node: ContextNode): CiContext {
  if (node.__typename === 'StatusContext') {
    return {
      name: node.context,
      workflow: null,
      key: `status:${node.context}`,
      runId: null,
      state: node.state.toLowerCase(),
      url: node.targetUrl,
      startedAt: node.createdAt,
      completedAt: node.createdAt,
      databaseId: null,
    };
  }
  const run = node.checkSuite?.workflowRun ?? null;
  const app = node.checkSuite?.app?.slug ?? '';
  return {
    name: node.name,
    workflow: run?.workflow.name ?? null,
    // JSON keeps names with any character apart: ["github-actions","CI","push","test"].
    key: `check:${JSON.stringify([app, run?.workflow.name ?? '', run?.event ?? '', node.name])}`,
    runId: run?.databaseId ?? null,
    state: (node.status === 'COMPLETED' ? (node.conclusion ?? 'COMPLETED') : node.status).toLowerCase(),
    url: node.detailsUrl,
    startedAt: node.startedAt,
    completedAt: node.status === 'COMPLETED' ? node.completedAt : null,
    databaseId: node.databaseId,
  };
}

/** Only GitHub Actions suites: other apps leave suites queued forever for events they ignore. */
export function readWorkflowRun(node: SuiteNode): WorkflowRunInfo | null {
  const run = node.workflowRun;
  if (!run) return null;
  const completed = node.status === 'COMPLETED';
  return {
    workflow: run.workflow.name,
    event: run.event,
    runId: run.databaseId,
    state: (completed ? (node.conclusion ?? 'completed') : node.status).toLowerCase(),
    completed,
    url: run.url,
    checkRuns: node.checkRuns?.totalCount ?? 0,
  };
}

export function readPullRequest(node: PullRequestNode): PullRequestInfo {
  const reviews = node.latestOpinionatedReviews;
  return {
    number: node.number,
    title: node.title,
    url: node.url,
    author: node.author?.login ?? null,
    labels: (node.labels?.nodes ?? []).flatMap((label) => (label ? [label.name] : [])),
    state: node.state,
    isDraft: node.isDraft,
    reviews: (reviews?.nodes ?? []).flatMap((review) =>
      review ? [{ author: review.author?.login ?? null, state: review.state }] : [],
    ),
    reviewsComplete: !reviews?.pageInfo.hasNextPage,
    reviewDecision: node.reviewDecision,
  };
}
