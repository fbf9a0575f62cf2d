import type { GitHub } from './client.js';
import type { CommitSignals } from './signals.js';
import { readContext, readPullRequest, readWorkflowRun } from './signals-nodes.js';
import {
  type ContextNode,
  type FollowUps,
  followUpQuery,
  type Page,
  type PullRequestNode,
  type SuiteNode,
} from './signals-query.js';

// Turns GraphQL pages into CommitSignals, and fetches every next page GitHub has.

export interface RawCommit {
  statusCheckRollup: { contexts: Page<ContextNode> } | null;
  checkSuites: Page<SuiteNode> | null;
  associatedPullRequests: Page<PullRequestNode> | null;
}

const emptyRound = (): FollowUps => ({ contexts: [], suites: [], pullRequests: [], labels: [] });

export function readCommit(sha: string, raw: RawCommit | null, followUps: FollowUps): CommitSignals {
  if (!raw) return { found: false, contexts: [], workflowRuns: [], pullRequests: [] };
  const signals: CommitSignals = { found: true, contexts: [], workflowRuns: [], pullRequests: [] };
  addContexts(signals, sha, raw.statusCheckRollup?.contexts ?? null, followUps);
  addSuites(signals, sha, raw.checkSuites, followUps);
  addPullRequests(signals, sha, raw.associatedPullRequests, followUps);
  return signals;
}

function nextPage(page: Page<unknown>, sha: string, into: FollowUps['contexts']): void {
  if (page.pageInfo.hasNextPage && page.pageInfo.endCursor) into.push({ sha, after: page.pageInfo.endCursor });
}

function addContexts(signals: CommitSignals, sha: string, page: Page<ContextNode> | null, followUps: FollowUps): void {
  if (!page) return;
  for (const node of page.nodes ?? []) if (node) signals.contexts.push(readContext(node));
  nextPage(page, sha, followUps.contexts);
}

function addSuites(signals: CommitSignals, sha: string, page: Page<SuiteNode> | null, followUps: FollowUps): void {
  if (!page) return;
  for (const node of page.nodes ?? []) {
    const run = node && readWorkflowRun(node);
    if (run) signals.workflowRuns.push(run);
  }
  nextPage(page, sha, followUps.suites);
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
    signals.pullRequests.push(readPullRequest(node));
    const labels = node.labels?.pageInfo;
    if (labels?.hasNextPage && labels.endCursor)
      followUps.labels.push({ number: node.number, after: labels.endCursor });
  }
  nextPage(page, sha, followUps.pullRequests);
}

// Truncation must never read as green: follow every next page, all of one round in one query.
export async function followPages(gh: GitHub, result: Map<string, CommitSignals>, followUps: FollowUps): Promise<void> {
  let round = dedupeLabels(followUps);
  while (round.contexts.length + round.suites.length + round.pullRequests.length + round.labels.length > 0) {
    const next = emptyRound();
    const query = followUpQuery(round);
    const data = await gh.octokit.graphql<{ repository: Record<string, RawFollowUp | null> }>(query, {
      owner: gh.owner,
      name: gh.repo,
    });
    const signalsOf = (sha: string) => result.get(sha) as CommitSignals;
    round.contexts.forEach(({ sha }, i) => {
      addContexts(signalsOf(sha), sha, data.repository[`x${i}`]?.statusCheckRollup?.contexts ?? null, next);
    });
    round.suites.forEach(({ sha }, i) => {
      addSuites(signalsOf(sha), sha, data.repository[`s${i}`]?.checkSuites ?? null, next);
    });
    round.pullRequests.forEach(({ sha }, i) => {
      addPullRequests(signalsOf(sha), sha, data.repository[`p${i}`]?.associatedPullRequests ?? null, next);
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
