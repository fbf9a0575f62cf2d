import type { Commit } from '../gate/contract.js';

/**
 * The commits of `batch` whose changes still go out once `exclusions` are
 * reverted, newest first: what the gate should look at. An excluded merge takes
 * the commits only it brought in (its pull request) with it, since it is reverted
 * against its first parent; an excluded plain commit takes only itself.
 */
export function shippingBatch(batch: Commit[], exclusions: Commit[]): Commit[] {
  const bySha = new Map(batch.map((commit) => [commit.sha, commit]));
  const excluded = new Set(exclusions.map((commit) => commit.sha));
  const parentsInBatch = new Set(batch.flatMap((commit) => commit.parents));
  const pending = batch.filter((commit) => !parentsInBatch.has(commit.sha)).map((commit) => commit.sha);
  const visited = new Set<string>();
  const shipping = new Set<string>();

  for (let sha = pending.pop(); sha !== undefined; sha = pending.pop()) {
    const commit = bySha.get(sha);
    if (!commit || visited.has(sha)) continue;
    visited.add(sha);
    if (!excluded.has(sha)) {
      shipping.add(sha);
      pending.push(...commit.parents);
    } else {
      pending.push(...commit.parents.slice(0, 1));
    }
  }
  return batch.filter((commit) => shipping.has(commit.sha));
}
