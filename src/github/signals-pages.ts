import type { GitHub } from './client.js';
import type { CommitSignals } from './commit-signals.js';
import { type ContextNode, followUpQuery, type Page, type PullRequestNode } from './signals-query.js';

// Turns GraphQL pages into CommitSignals, and fetches every next page GitHub has.

export interface RawCommit {
  statusCheckRollup: { contexts: Page<ContextNode> } | null;
  associatedPullRequests: Page<PullRequestNode> | null;
}

export interface FollowUps {
  contexts: { sha: string; after: string }[];
  pullRequests: { sha: string; after: string }[];
  labels: { number: number; after: string }[];
}

export function readCommit(sha: string, raw: RawCommit | null, followUps: FollowUps): CommitSignals {
  if (!raw) return { found: false, contexts: [], pullRequests: [] };
  const signals: CommitSignals = { found: true, contexts: [], pullRequests: [] };
  addContexts(signals, sha, raw.statusCheckRollup?.contexts ?? null, followUps);
  addPullRequests(signals, sha, raw.associatedPullRequests, followUps);
  return signals;
}

function addContexts(signals: CommitSignals, sha: string, page: Page<ContextNode> | null, followUps: FollowUps): void {
  if (!page) return;
  for (const node of page.nodes ?? []) {
    if (!node) continue;
    signals.contexts.push(
      node.__typename === 'CheckRun'
        ? {
            name: node.name,
            state: (node.status === 'COMPLETED' ? (node.conclusion ?? 'COMPLETED') : node.status).toLowerCase(),
            url: node.detailsUrl,
            startedAt: node.startedAt,
            databaseId: node.databaseId,
          }
        : {
            name: node.context,
            state: node.state.toLowerCase(),
            url: node.targetUrl,
            startedAt: node.createdAt,
            databaseId: null,
          },
    );
  }
  if (page.pageInfo.hasNextPage && page.pageInfo.endCursor)
    followUps.contexts.push({ sha, after: page.pageInfo.endCursor });
}

function addPullRequests(
  signals: CommitSignals,
  sha: string,
  page: Page<PullRequestNode> | null,
  followUps: FollowUps,
): void {
  if (!page) return;
  for (const node of page.nodes ?? []) {
    if (!node) continue;
    signals.pullRequests.push({
      number: node.number,
      title: node.title,
      url: node.url,
      author: node.author?.login ?? null,
      labels: (node.labels?.nodes ?? []).flatMap((label) => (label ? [label.name] : [])),
      state: node.state,
      reviewDecision: node.reviewDecision,
    });
    const labels = node.labels?.pageInfo;
    if (labels?.hasNextPage && labels.endCursor)
      followUps.labels.push({ number: node.number, after: labels.endCursor });
  }
  if (page.pageInfo.hasNextPage && page.pageInfo.endCursor)
    followUps.pullRequests.push({ sha, after: page.pageInfo.endCursor });
}

// Truncation must never read as green: follow every next page, all of one round in one query.
export async function followPages(gh: GitHub, result: Map<string, CommitSignals>, followUps: FollowUps): Promise<void> {
  let round = dedupeLabels(followUps);
  while (round.contexts.length + round.pullRequests.length + round.labels.length > 0) {
    const next: FollowUps = { contexts: [], pullRequests: [], labels: [] };
    const query = followUpQuery(round);
    const data = await gh.octokit.graphql<{ repository: Record<string, RawFollowUp | null> }>(query, {
      owner: gh.owner,
      name: gh.repo,
    });
    round.contexts.forEach(({ sha }, i) => {
      const signals = result.get(sha) as CommitSignals;
      addContexts(signals, sha, data.repository[`x${i}`]?.statusCheckRollup?.contexts ?? null, next);
    });
    round.pullRequests.forEach(({ sha }, i) => {
      const signals = result.get(sha) as CommitSignals;
      addPullRequests(signals, sha, data.repository[`p${i}`]?.associatedPullRequests ?? null, next);
    });
    round.labels.forEach(({ number }, i) => {
      const page = data.repository[`l${i}`]?.labels;
      const names = (page?.nodes ?? []).flatMap((label) => (label ? [label.name] : []));
      for (const signals of result.values()) {
        for (const pr of signals.pullRequests) if (pr.number === number) pr.labels.push(...names);
      }
      if (page?.pageInfo.hasNextPage && page.pageInfo.endCursor)
        next.labels.push({ number, after: page.pageInfo.endCursor });
    });
    round = dedupeLabels(next);
  }
}

// A pull request reached through several commits needs its labels fetched once.
function dedupeLabels(round: FollowUps): FollowUps {
  const seen = new Set<number>();
  return { ...round, labels: round.labels.filter(({ number }) => !seen.has(number) && seen.add(number)) };
}

interface RawFollowUp extends Partial<RawCommit> {
  labels?: Page<{ name: string } | null>;
}
