import { listCommits } from '../git/commits.js';
import { suggestExclusion } from '../report/exclude-suggestion.js';
import type { DeployRecord, StateStore } from '../state/store.js';
import type { Execution, VerificationOutcome } from './execution.js';

/** When the faulty release shipped one new commit: the `deploy --exclude` that ships the rest without it. */
export async function faultySuggestion(
  store: StateStore,
  run: Execution,
  faulty: DeployRecord,
): Promise<Pick<VerificationOutcome, 'culprit' | 'suggestion'>> {
  const earlier = (await store.listRecords()).find((record) => record.status === 'success' && record.id < faulty.id);
  const batch = await listCommits(run.repoRoot, run.candidate, earlier ? [earlier.candidate] : []);
  const excluded = batch.filter((commit) => run.excluded.some((entry) => entry.sha === commit.sha));
  const shipped = batch.filter((commit) => !excluded.includes(commit));
  const [culprit] = shipped;
  if (shipped.length !== 1 || !culprit) return {};
  const suggestion = await suggestExclusion(run.repoRoot, {
    candidate: run.candidate,
    batch,
    excluded,
    named: [],
    culprits: shipped,
    reason: `without ${culprit.shortSha}, the one new commit of the faulty release`,
  });
  return { culprit, suggestion: suggestion ?? undefined };
}
