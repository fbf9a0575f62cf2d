// GraphQL text for commit signals; validated against GitHub's published schema in the tests.

type Cursor = { sha: string; after: string };

export interface FollowUps {
  contexts: Cursor[];
  suites: Cursor[];
  pullRequests: Cursor[];
  labels: { number: number; after: string }[];
}

export interface Page<Node> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: (Node | null)[] | null;
}

/** Which app and workflow run a check run belongs to: the identity GitHub keeps apart. */
export interface SuiteRef {
  app: { slug: string } | null;
  workflowRun: { databaseId: number | null; event: string; workflow: { name: string } } | null;
}

export type ContextNode =
  | {
      __typename: 'CheckRun';
      name: string;
      status: string;
      conclusion: string | null;
      detailsUrl: string | null;
      startedAt: string | null;
      completedAt: string | null;
      databaseId: number | null;
      checkSuite: SuiteRef | null;
    }
  | { __typename: 'StatusContext'; context: string; state: string; targetUrl: string | null; createdAt: string };

export interface SuiteNode {
  status: string;
  conclusion: string | null;
  workflowRun: (SuiteRef['workflowRun'] & { url: string }) | null;
  checkRuns: { totalCount: number } | null;
}

export interface PullRequestNode {
  number: number;
  title: string;
  url: string;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  isDraft: boolean;
  reviewDecision: 'APPROVED' | 'CHANGES_REQUESTED' | 'REVIEW_REQUIRED' | null;
  author: { login: string } | null;
  labels: Page<{ name: string }> | null;
  latestOpinionatedReviews: Page<{ state: string; author: { login: string } | null }> | null;
}

// JSON string syntax is valid GraphQL string syntax, so cursors cannot break out of the literal.
const afterArg = (after: string | undefined) => (after === undefined ? '' : `, after: ${JSON.stringify(after)}`);

const PAGE_INFO = 'totalCount pageInfo { hasNextPage endCursor }';
const WORKFLOW_RUN = 'databaseId event workflow { name }';
const CONTEXT_NODES = `nodes {
  __typename
  ... on CheckRun { name status conclusion detailsUrl startedAt completedAt databaseId
    checkSuite { app { slug } workflowRun { ${WORKFLOW_RUN} } } }
  ... on StatusContext { context state targetUrl createdAt }
}`;
const SUITE_NODES = `nodes { status conclusion workflowRun { ${WORKFLOW_RUN} url } checkRuns(first: 1) { totalCount } }`;
const LABELS = (after?: string) => `labels(first: 100${afterArg(after)}) { ${PAGE_INFO} nodes { name } }`;
// One review per reviewer, their latest approval or change request; comments do not undo either.
const REVIEWS = `latestOpinionatedReviews(first: 100, writersOnly: true) { ${PAGE_INFO} nodes { state author { login } } }`;
const PULL_REQUEST_NODES = `nodes { number title url state isDraft reviewDecision author { login } ${LABELS()} ${REVIEWS} }`;
const contexts = (after?: string) => `contexts(first: 100${afterArg(after)}) { ${PAGE_INFO} ${CONTEXT_NODES} }`;
const suites = (after?: string) => `checkSuites(first: 100${afterArg(after)}) { ${PAGE_INFO} ${SUITE_NODES} }`;
const pullRequests = (after?: string) =>
  `associatedPullRequests(first: 10${afterArg(after)}) { ${PAGE_INFO} ${PULL_REQUEST_NODES} }`;

export const SIGNALS_FRAGMENT = `fragment signals on Commit {
  statusCheckRollup { ${contexts()} }
  ${suites()}
  ${pullRequests()}
}`;

/** One query for every next page a round still needs: x = contexts, s = check suites, p = pull requests, l = labels. */
export function followUpQuery(round: FollowUps): string {
  const onCommit = (alias: string, sha: string, selection: string) =>
    `${alias}: object(oid: "${sha}") { ... on Commit { ${selection} } }`;
  const fields = [
    ...round.contexts.map(({ sha, after }, i) => onCommit(`x${i}`, sha, `statusCheckRollup { ${contexts(after)} }`)),
    ...round.suites.map(({ sha, after }, i) => onCommit(`s${i}`, sha, suites(after))),
    ...round.pullRequests.map(({ sha, after }, i) => onCommit(`p${i}`, sha, pullRequests(after))),
    ...round.labels.map(({ number, after }, i) => `l${i}: pullRequest(number: ${number}) { ${LABELS(after)} }`),
  ];
  return `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {\n${fields.join('\n')}\n} }`;
}
