import { listCommits } from '../git/commits.js';
import { resolveCommit } from '../git/repo.js';
import type { DeployRecord } from '../state/store.js';

/**
 * Commits per deploy: `previousSha..candidate`, counted with git. A first deploy has no
 * batch to count (its "batch" is the whole history), and a deploy whose commits this
 * clone does not have is left out; both are named in the notes.
 */
export async function countBatches(
  repoRoot: string,
  deploys: DeployRecord[],
): Promise<{ sizes: Map<number, number>; notes: string[] }> {
  const sizes = new Map<number, number>();
  const missing: number[] = [];
  for (const record of deploys) {
    if (!record.previousSha) continue;
    const [from, to] = await Promise.all([
      resolveCommit(repoRoot, record.previousSha),
      resolveCommit(repoRoot, record.candidate),
    ]);
    if (!from || !to) {
      missing.push(record.id);
      continue;
    }
    sizes.set(record.id, (await listCommits(repoRoot, to, [from])).length);
  }
  const notes = missing.length
    ? [
        `batch size leaves out deploy ${missing.map((id) => `#${id}`).join(', ')}: its commits are not in this clone (git fetch)`,
      ]
    : [];
  return { sizes, notes };
}
