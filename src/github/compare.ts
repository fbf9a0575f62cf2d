import type { Commit } from '../gate/contract.js';
import { shortSha } from '../text/sha.js';
import type { GitHub } from './client.js';

const PER_PAGE = 100;

export interface Comparison {
  /** 'ahead' when base is an ancestor of head; 'diverged' when history was rewritten. */
  status: 'ahead' | 'behind' | 'diverged' | 'identical';
  /** Commits in head and not in base, newest first like `listCommits`. */
  commits: Commit[];
}

interface ApiCommit {
  sha: string;
  commit: { message: string; author: { name?: string; email?: string; date?: string } | null };
  parents: { sha: string }[];
}

/**
 * base...head from the compare API, for when local git lacks the objects. Pages
 * past GitHub's 250-commit cap; throws rather than return fewer commits than GitHub counts.
 */
export async function compareCommits(
  gh: GitHub,
  base: string,
  head: string,
  signal?: AbortSignal,
): Promise<Comparison> {
  return gh.call(
    async () => {
      const page = (number: number) =>
        gh.octokit.rest.repos.compareCommitsWithBasehead({
          owner: gh.owner,
          repo: gh.repo,
          basehead: `${base}...${head}`,
          per_page: PER_PAGE,
          page: number,
          request: { signal },
        });
      const first = (await page(1)).data;
      const pages = Math.ceil(first.total_commits / PER_PAGE);
      const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 2)));
      const all = [first, ...rest.map((response) => response.data)].flatMap((data) => data.commits as ApiCommit[]);
      if (all.length !== first.total_commits) {
        throw new Error(
          `compare ${shortSha(base)}...${shortSha(head)} returned ${all.length} of ${first.total_commits} commits`,
        );
      }
      return { status: first.status, commits: all.map(toCommit).reverse() };
    },
    { notFound: `commit ${shortSha(base)} or ${shortSha(head)} (not pushed?)` },
  );
}

function toCommit(api: ApiCommit): Commit {
  return {
    sha: api.sha,
    shortSha: shortSha(api.sha),
    subject: api.commit.message.split('\n')[0] ?? '',
    authorName: api.commit.author?.name ?? '',
    authorEmail: api.commit.author?.email ?? '',
    date: api.commit.author?.date ?? '',
    parents: api.parents.map((parent) => parent.sha),
  };
}
