import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, GraphQLError, type GraphQLSchema, graphql } from 'graphql';
import { type ConnectionArgs, ciNodes } from './ci-nodes.js';
import type { PullRequestSpec, Scenario } from './scenario.js';

let schema: GraphQLSchema | undefined;

/** GitHub's real published schema: a query we send that GitHub would reject fails here too. */
export function githubSchema(): GraphQLSchema {
  if (!schema) {
    const packageMain = fileURLToPath(import.meta.resolve('@octokit/graphql-schema'));
    const sdl = readFileSync(join(dirname(packageMain), 'schema.graphql'), 'utf8');
    // The published SDL repeats a few Enterprise fields; graphql-js rejects duplicates unless told the SDL is trusted.
    schema = buildSchema(sdl, { assumeValidSDL: true });
  }
  return schema;
}

function connection<T>(items: T[], { first = 100, after }: ConnectionArgs) {
  const start = after ? Number(Buffer.from(after, 'base64').toString().replace('cursor:', '')) + 1 : 0;
  const nodes = items.slice(start, start + Math.min(first, 100));
  const last = start + nodes.length - 1;
  return {
    totalCount: items.length,
    nodes,
    pageInfo: {
      hasNextPage: last < items.length - 1,
      hasPreviousPage: start > 0,
      startCursor: Buffer.from(`cursor:${start}`).toString('base64'),
      endCursor: nodes.length ? Buffer.from(`cursor:${last}`).toString('base64') : null,
    },
  };
}

function pullRequestNode(scenario: Scenario, number: number) {
  const pr = scenario.pullRequests.get(number);
  if (!pr) return null;
  const state = pr.state ?? 'MERGED';
  return {
    __typename: 'PullRequest',
    number,
    title: pr.title ?? `Pull request ${number}`,
    url: `https://github.com/${scenario.repository}/pull/${number}`,
    state,
    mergedAt: state === 'MERGED' ? '2026-01-01T00:00:00Z' : null,
    baseRefName: 'main',
    isDraft: pr.isDraft ?? false,
    reviewDecision: pr.reviewDecision ?? null,
    latestOpinionatedReviews: (args: ConnectionArgs) => connection(latestOpinionated(pr.reviews ?? []), args),
    author: pr.author ? { __typename: 'User', login: pr.author } : null,
    labels: (args: ConnectionArgs) =>
      connection(
        (pr.labels ?? []).map((name) => ({ name })),
        args,
      ),
  };
}

// GitHub keeps each reviewer's latest approval or change request; a later comment changes neither.
function latestOpinionated(reviews: NonNullable<PullRequestSpec['reviews']>) {
  const latest = new Map<string, { state: string; author: { __typename: string; login: string } }>();
  for (const review of reviews) {
    if (review.state === 'COMMENTED') continue;
    latest.set(review.author, { state: review.state, author: { __typename: 'User', login: review.author } });
  }
  return [...latest.values()].filter((review) => review.state !== 'DISMISSED');
}

function commitNode(scenario: Scenario, sha: string) {
  const spec = scenario.commits.get(sha);
  if (!spec && !scenario.gitCommits.has(sha)) return null;
  const { contexts, suites } = ciNodes(scenario.repository, spec, connection);
  return {
    __typename: 'Commit',
    oid: sha,
    statusCheckRollup: contexts.length ? { contexts: (args: ConnectionArgs) => connection(contexts, args) } : null,
    checkSuites: (args: ConnectionArgs) => connection(suites, args),
    associatedPullRequests: (args: ConnectionArgs) =>
      connection((spec?.pullRequests ?? []).map((number) => pullRequestNode(scenario, number)).filter(Boolean), args),
  };
}

/** Runs a GraphQL request against the scenario, answering like GitHub (errors carry a `type`). */
export async function executeGraphql(
  scenario: Scenario,
  body: { query?: string; variables?: Record<string, unknown> },
) {
  const rootValue = {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      if (`${owner}/${name}` !== scenario.repository) {
        throw new GraphQLError(`Could not resolve to a Repository with the name '${owner}/${name}'.`, {
          extensions: { type: 'NOT_FOUND' },
        });
      }
      return {
        object: ({ oid }: { oid: string }) => commitNode(scenario, oid),
        pullRequest: ({ number }: { number: number }) => pullRequestNode(scenario, number),
      };
    },
  };
  const result = await graphql({
    schema: githubSchema(),
    source: body.query ?? '',
    variableValues: body.variables,
    rootValue,
  });
  const errors = result.errors?.map((error) => ({ ...error.toJSON(), type: error.extensions.type }));
  return errors ? { data: result.data ?? null, errors } : { data: result.data };
}
