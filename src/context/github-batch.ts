import { ShipitError } from '../errors.js';
import type { Commit } from '../gate/contract.js';
import type { GitHubSetup } from '../github/client.js';
import { shortSha } from '../text/sha.js';

/**
 * A shallow clone (CI's default fetch-depth) lacks the history between production
 * and the candidate: GitHub's compare API has it. Without GitHub, say how to fetch it.
 */
export async function batchFromGitHub(
  options: { repoRoot: string; github?: GitHubSetup },
  base: string,
  head: string,
  notes: string[],
): Promise<Commit[]> {
  const missing = new ShipitError(
    'production-missing',
    `the production commit ${base.slice(0, 12)} is not in this clone`,
    {
      hint: 'fetch the history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout), or configure `github` to read the batch from GitHub',
    },
  );
  if (!options.github?.github) throw missing;
  const [{ getGitHub }, { compareCommits }] = await Promise.all([
    import('../github/client.js'),
    import('../github/compare.js'),
  ]);
  const gh = await getGitHub(options.github, { repoRoot: options.repoRoot, env: process.env });
  const comparison = await compareCommits(gh, base, head);
  notes.push(`the batch comes from GitHub's compare API: this clone lacks ${shortSha(base)}`);
  if (comparison.status === 'diverged') {
    notes.push(
      `production ${shortSha(base)} is not an ancestor of the candidate ${shortSha(head)}: the batch is every commit of the candidate not yet in production`,
    );
  }
  return comparison.commits;
}
