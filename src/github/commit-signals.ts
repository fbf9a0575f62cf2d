import type { GitHub } from './client.js';
import type { CommitSignals } from './signals.js';
import { followPages, type RawCommit, readCommit } from './signals-pages.js';
import { type FollowUps, SIGNALS_FRAGMENT } from './signals-query.js';

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
