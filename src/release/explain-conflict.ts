import type { Commit } from '../gate/contract.js';
import { commitLabel } from '../git/commits.js';
import { git } from '../git/git.js';

/** One excluded commit whose revert does not apply on top of the candidate. */
export interface Conflict {
  exclusion: Commit;
  /** Paths the revert conflicts in. */
  files: string[];
  /** Commits of the batch after the exclusion that touched those paths, newest first. */
  laterCommits: Commit[];
}

export interface ReleaseConflict {
  kind: 'conflict';
  conflicts: Conflict[];
  /** Every commit to pass to `--exclude` (the asked ones plus the later ones), newest first. */
  suggestion: Commit[];
  /** Whether excluding the whole suggestion applies cleanly (it was tried). */
  suggestionApplies: boolean;
}

/**
 * The later commits of the batch that touched `files` since `exclusion`: they
 * changed the lines the revert wants to take back. Merges are left out, since the
 * commits they bring in are listed themselves.
 */
export async function findLaterCommits(
  cwd: string,
  exclusion: Commit,
  files: string[],
  range: { candidate: string; batch: Commit[]; excluded: Set<string>; signal?: AbortSignal },
): Promise<Commit[]> {
  const args = ['rev-list', '--no-merges', `${exclusion.sha}..${range.candidate}`, '--', ...files];
  const output = await git(args, { cwd, signal: range.signal });
  const touched = new Set(output.split('\n').filter(Boolean));
  return range.batch.filter((commit) => touched.has(commit.sha) && !range.excluded.has(commit.sha));
}

/** The lines the CLI prints for a release that cannot be built. */
export function formatConflict(result: ReleaseConflict): string[] {
  const lines: string[] = [];
  for (const { exclusion, files, laterCommits } of result.conflicts) {
    lines.push(`excluding ${commitLabel(exclusion)} conflicts in ${files.join(', ')}`);
    if (laterCommits.length === 0) {
      lines.push('  no later commit of the batch touched these files; revert it on the branch by hand');
    } else {
      lines.push('  later commits of the batch changed these files after it:');
      for (const commit of laterCommits) lines.push(`    ${commitLabel(commit)} (${commit.authorName})`);
    }
  }
  const flags = result.suggestion.map((commit) => `--exclude ${commit.shortSha}`).join(' ');
  const hasMore = result.conflicts.some((conflict) => conflict.laterCommits.length > 0);
  if (hasMore) {
    const verdict = result.suggestionApplies ? 'this applies cleanly' : 'this still conflicts';
    lines.push(`exclude them too: ${flags} (${verdict})`);
  }
  return lines;
}
