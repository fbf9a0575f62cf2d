import type { GitHub } from './client.js';
import { fetchCommitSignals } from './commit-signals.js';
import type { PullRequestInfo } from './signals.js';

export interface PullRequestSummary {
  number: number;
  title: string;
  author: string | null;
  labels: string[];
  url: string;
}

/**
 * The pull requests that brought a commit: the merged ones when there are any;
 * else the open ones (a candidate not merged yet). A PR closed unmerged that
 * happens to contain the commit brought nothing.
 */
export function broughtBy(pullRequests: PullRequestInfo[]): PullRequestInfo[] {
  const merged = pullRequests.filter((pr) => pr.state === 'MERGED');
  return merged.length ? merged : pullRequests.filter((pr) => pr.state === 'OPEN');
}

/** For `shipit status`: the pull requests of each commit, from the same shared query as the checks. */
export async function pullRequestsFor(
  gh: GitHub,
  shas: string[],
  signal?: AbortSignal,
): Promise<Map<string, PullRequestSummary[]>> {
  const signals = await fetchCommitSignals(gh, shas, { signal });
  return new Map(
    shas.map((sha) => [
      sha,
      broughtBy(signals.get(sha)?.pullRequests ?? []).map(({ number, title, author, labels, url }) => ({
        number,
        title,
        author,
        labels,
        url,
      })),
    ]),
  );
}
