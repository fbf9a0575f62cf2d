import type { FollowUps } from './signals-pages.js';

// GraphQL text for commit signals; validated against GitHub's published schema in the tests.

export interface Page<Node> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: (Node | null)[] | null;
}

export type ContextNode =
  | {
      __typename: 'CheckRun';
      name: string;
      status: string;
      conclusion: string | null;
      detailsUrl: string | null;
      startedAt: string | null;
      databaseId: number | null;
    }
  | { __typename: 'StatusContext'; context: string; state: string; targetUrl: string | null; createdAt: string };

export interface PullRequestNode {
  number: number;
  title: string;
  url: string;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  reviewDecision: 'APPROVED' | 'CHANGES_REQUESTED' | 'REVIEW_REQUIRED' | null;
  author: { login: string } | null;
  labels: Page<{ name: string }> | null;
}

// JSON string syntax is valid GraphQL string syntax, so cursors cannot break out of the literal.
const afterArg = (after: string | undefined) => (after === undefined ? '' : `, after: ${JSON.stringify(after)}`);

const PAGE_INFO = 'totalCount pageInfo { hasNextPage endCursor }';
const CONTEXT_NODES = `nodes {
  __typename
  ... on CheckRun { name status conclusion detailsUrl startedAt databaseId }
  ... on StatusContext { context state targetUrl createdAt }
}`;
const LABELS = (after?: string) => `labels(first: 100${afterArg(after)}) { ${PAGE_INFO} nodes { name } }`;
const PULL_REQUEST_NODES = `nodes { number title url state reviewDecision author { login } ${LABELS()} }`;
const contexts = (after?: string) => `contexts(first: 100${afterArg(after)}) { ${PAGE_INFO} ${CONTEXT_NODES} }`;
const pullRequests = (after?: string) =>
  `associatedPullRequests(first: 10${afterArg(after)}) { ${PAGE_INFO} ${PULL_REQUEST_NODES} }`;

export const SIGNALS_FRAGMENT = `fragment signals on Commit {
  statusCheckRollup { ${contexts()} }
  ${pullRequests()}
}`;

/** One query for every next page a round still needs: x = contexts, p = pull requests, l = labels. */
export function followUpQuery(round: FollowUps): string {
  const fields = [
    ...round.contexts.map(
      ({ sha, after }, i) =>
        `x${i}: object(oid: "${sha}") { ... on Commit { statusCheckRollup { ${contexts(after)} } } }`,
    ),
    ...round.pullRequests.map(
      ({ sha, after }, i) => `p${i}: object(oid: "${sha}") { ... on Commit { ${pullRequests(after)} } }`,
    ),
    ...round.labels.map(({ number, after }, i) => `l${i}: pullRequest(number: ${number}) { ${LABELS(after)} }`),
  ];
  return `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {\n${fields.join('\n')}\n} }`;
}
