import type { GitHub } from './client.js';
import { type ContextNode, followUpQuery, type Page, type PullRequestNode, SIGNALS_FRAGMENT } from './signals-query.js';

export interface CiContext {
  kind: 'check-run' | 'status';
  name: string;
  /** Lower-case GitHub value: a check run's conclusion (or its status while not completed), a status's state. */
  state: string;
  url: string | null;
  /** When the run or status started: the later one supersedes. */
  startedAt: string | null;
  databaseId: number | null;
}

export interface PullRequestInfo {
  number: number;
  title: string;
  url: string;
  author: string | null;
  labels: string[];
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  mergedAt: string | null;
  reviewDecision: 'APPROVED' | 'CHANGES_REQUESTED' | 'REVIEW_REQUIRED' | null;
}

export interface CommitSignals {
  /** False when GitHub does not know the commit (not pushed). */
  found: boolean;
  contexts: CiContext[];
  pullRequests: PullRequestInfo[];
}

const COMMITS_PER_QUERY = 100;
const SHA = /^[0-9a-f]{40}$/;
const cache = new WeakMap<GitHub, Map<string, Promise<Map<string, CommitSignals>>>>();

/**
 * CI contexts and pull requests of each commit: one GraphQL query per 100 commits,
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
    pending.catch(() => byShas.delete(key));
    byShas.set(key, pending);
  }
  return options.signal ? untilAborted(pending, options.signal) : pending;
}

async function fetchAll(gh: GitHub, shas: string[]): Promise<Map<string, CommitSignals>> {
  const bad = shas.find((sha) => !SHA.test(sha));
  if (bad) throw new Error(`not a full commit sha: ${JSON.stringify(bad)}`);
  const result = new Map<string, CommitSignals>();
  const chunks: string[][] = [];
  for (let i = 0; i < shas.length; i += COMMITS_PER_QUERY) chunks.push(shas.slice(i, i + COMMITS_PER_QUERY));
  const followUps: FollowUps = { contexts: [], pullRequests: [], labels: [] };
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

interface RawCommit {
  statusCheckRollup: { contexts: Page<ContextNode> } | null;
  associatedPullRequests: Page<PullRequestNode> | null;
}

export interface FollowUps {
  contexts: { sha: string; after: string }[];
  pullRequests: { sha: string; after: string }[];
  labels: { number: number; after: string }[];
}

function readCommit(sha: string, raw: RawCommit | null, followUps: FollowUps): CommitSignals {
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
            kind: 'check-run',
            name: node.name,
            state: (node.status === 'COMPLETED' ? (node.conclusion ?? 'COMPLETED') : node.status).toLowerCase(),
            url: node.detailsUrl,
            startedAt: node.startedAt,
            databaseId: node.databaseId,
          }
        : {
            kind: 'status',
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
      mergedAt: node.mergedAt,
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
async function followPages(gh: GitHub, result: Map<string, CommitSignals>, followUps: FollowUps): Promise<void> {
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

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
