import type { Output } from '../cli/output.js';
import type { DeployPlan } from '../deploy/plan.js';
import type { Check, CheckResult } from '../gate/contract.js';
import { type ExcludeSuggestion, redCommits, suggestExclusion, suggestionLines } from '../report/exclude-suggestion.js';
import { plural } from '../text/plural.js';

/** When ci-status names red commits in a blocked gate: the `deploy --exclude` that ships the rest, or undefined. */
export async function gateSuggestion(
  repoRoot: string,
  plan: DeployPlan,
  results: CheckResult[],
  checks: Check[],
): Promise<ExcludeSuggestion | undefined> {
  const red = redCommits(results, checks, plan.shipping);
  if (red.length === 0) return undefined;
  const suggestion = await suggestExclusion(repoRoot, {
    candidate: plan.context.candidate.sha,
    batch: plan.context.batch,
    excluded: plan.exclusions.map((exclusion) => exclusion.commit),
    named: plan.exclusions.filter((exclusion) => exclusion.record.deployId === undefined).map((e) => e.commit),
    culprits: red,
    reason: `without the ${plural(red.length, 'commit')} CI is red on`,
  }).catch(() => null); // a suggestion that cannot be worked out is left out, never a failure of the gate
  return suggestion ?? undefined;
}

/** The report's last lines (text output only: --json carries it as `suggestion`). */
export function printSuggestion(suggestion: ExcludeSuggestion | undefined, output: Output): void {
  if (!suggestion || output.json) return;
  const [first, ...rest] = suggestionLines(suggestion);
  output.print(output.chalk.bold(first ?? ''));
  for (const line of rest) output.print(output.chalk.cyan(line));
}
