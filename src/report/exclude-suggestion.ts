import type { Check, CheckResult, Commit } from '../gate/contract.js';
import { buildRelease } from '../release/build-release.js';
import { shippingBatch } from '../release/shipping-batch.js';

/** The way out of a blocked gate or a faulty release: the deploy that ships the rest. */
export interface ExcludeSuggestion {
  /** The exact command, e.g. `shipit deploy --exclude 1a2b3c4`. */
  command: string;
  /** Full shas of the commits it leaves out, newest first. */
  exclude: string[];
  /** Why these commits. */
  reason: string;
  /**
   * Whether the release without them builds cleanly: the same revert check a deploy with
   * `--exclude` runs (the release builder). When it does not, `exclude` already holds the
   * later commits that touch the same files, if leaving those out too applies cleanly.
   */
  applies: boolean;
}

export interface SuggestionInput {
  /** The branch commit going out. */
  candidate: string;
  /** Every commit going out, newest first, excluded ones included. */
  batch: Commit[];
  /** What the release leaves out already: standing exclusions and those named on this command line. */
  excluded: Commit[];
  /** Of those, the ones named on this command line: the suggested command repeats them. */
  named: Commit[];
  /** The commits to leave out besides. */
  culprits: Commit[];
  reason: string;
}

/** The `shipit deploy --exclude …` that ships the batch without `culprits`, checked to apply; null when nothing would be left. */
export async function suggestExclusion(repoRoot: string, input: SuggestionInput): Promise<ExcludeSuggestion | null> {
  const wanted = new Set(input.culprits.map((commit) => commit.sha));
  const already = new Set(input.excluded.map((commit) => commit.sha));
  const culprits = input.batch.filter((commit) => wanted.has(commit.sha) && !already.has(commit.sha));
  const leftOut = (extra: Commit[]) => [...input.excluded, ...extra];
  if (culprits.length === 0 || shippingBatch(input.batch, leftOut(culprits)).length === 0) return null;
  const release = await buildRelease(repoRoot, {
    candidate: input.candidate,
    exclusions: sortNewestFirst(input.batch, leftOut(culprits)).map((commit) => ({ commit })),
    batch: input.batch,
  });
  let exclude = culprits;
  let applies = release.kind === 'clean';
  if (release.kind === 'conflict' && release.suggestionApplies) {
    // The conflict message's own way out: leave out the later commits that build on the culprits too.
    exclude = release.suggestion.filter((commit) => !already.has(commit.sha));
    applies = shippingBatch(input.batch, leftOut(exclude)).length > 0;
  }
  const named = [...input.named, ...exclude];
  return {
    command: `shipit deploy ${named.map((commit) => `--exclude ${commit.shortSha}`).join(' ')}`,
    exclude: named.map((commit) => commit.sha),
    reason: input.reason,
    applies,
  };
}

/** Exclusions are reverted newest first: the batch's order, then the ones outside it (standing, older). */
function sortNewestFirst(batch: Commit[], commits: Commit[]): Commit[] {
  const shas = new Set(commits.map((commit) => commit.sha));
  const inBatch = batch.filter((commit) => shas.has(commit.sha));
  const inside = new Set(inBatch.map((commit) => commit.sha));
  return [...inBatch, ...commits.filter((commit) => !inside.has(commit.sha))];
}

/** How the report ends with it: the command, and whether it applies cleanly. */
export function suggestionLines(suggestion: ExcludeSuggestion): string[] {
  return suggestion.applies
    ? [`To ship the rest (${suggestion.reason}):`, `  ${suggestion.command}`]
    : [
        `Leaving out ${suggestion.reason} does not apply cleanly on the batch (a later commit builds on it):`,
        `  ${suggestion.command} would stop on the conflict; revert it on the branch instead`,
      ];
}

/** The commits a failing `ci-status` check blames (its `culprits`), from the batch. */
export function redCommits(results: CheckResult[], checks: Check[], batch: Commit[]): Commit[] {
  const ciChecks = new Set(checks.filter((check) => check.kind?.startsWith('ci-status:')).map((check) => check.name));
  const named = new Set<string>();
  for (const result of results) {
    if (result.status !== 'fail' || !ciChecks.has(result.name)) continue;
    for (const sha of result.culprits ?? []) named.add(sha);
  }
  return batch.filter((commit) => named.has(commit.sha));
}
