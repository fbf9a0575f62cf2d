import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, GraphQLError, type GraphQLSchema, graphql } from 'graphql';
import type { Scenario } from './scenario.js';

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

interface ConnectionArgs {
  first?: number;
  after?: string;
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
    reviewDecision: pr.reviewDecision ?? null,
    author: pr.author ? { __typename: 'User', login: pr.author } : null,
    labels: (args: ConnectionArgs) =>
      connection(
        (pr.labels ?? []).map((name) => ({ name })),
        args,
      ),
  };
}

function commitNode(scenario: Scenario, sha: string) {
  const spec = scenario.commits.get(sha);
  if (!spec && !scenario.gitCommits.has(sha)) return null;
  const checkRuns = (spec?.checkRuns ?? []).map((run, i) => {
    const status = run.status ?? 'completed';
    return {
      __typename: 'CheckRun',
      name: run.name,
      status: status.toUpperCase(),
      conclusion: status === 'completed' ? (run.conclusion ?? 'success').toUpperCase() : null,
      detailsUrl: run.detailsUrl ?? `https://github.com/${scenario.repository}/actions/runs/${run.id ?? i + 1}`,
      startedAt: run.startedAt ?? new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      databaseId: run.id ?? i + 1,
    };
  });
  const statuses = (spec?.statuses ?? []).map((status, i) => ({
    __typename: 'StatusContext',
    context: status.context,
    state: status.state.toUpperCase(),
    targetUrl: status.targetUrl ?? null,
    createdAt: status.createdAt ?? new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  }));
  const contexts = [...checkRuns, ...statuses];
  return {
    __typename: 'Commit',
    oid: sha,
    statusCheckRollup: contexts.length ? { contexts: (args: ConnectionArgs) => connection(contexts, args) } : null,
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
