import type * as z from './zod.js';

/** `checks[2].timeout` from ['checks', 2, 'timeout']. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

export interface IssueScope {
  /** Where the validated value sits in the config, e.g. ['checks', 2]. */
  basePath?: readonly PropertyKey[];
  /** The keys the validated object accepts, to suggest one for a typo. */
  knownKeys?: readonly string[];
}

/**
 * One line per zod issue, e.g. `checks[2].timeout: expected a duration like "30s", got -5`.
 * Parse with `{ reportInput: true }` so the line can say what it got.
 */
export function describeIssue(issue: z.core.$ZodIssue, scope: IssueScope = {}): string {
  const path = formatPath([...(scope.basePath ?? []), ...issue.path]);
  const where = path ? `${path}: ` : '';
  const got = 'input' in issue && issue.input !== undefined ? `, got ${JSON.stringify(issue.input)}` : '';
  if (issue.code === 'unrecognized_keys') {
    const known = issue.path.length === 0 ? (scope.knownKeys ?? []) : [];
    return issue.keys
      .map((key) => {
        const suggestion = closest(key, known);
        return `${where}unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
      })
      .join('; ');
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `${where}is required (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_value') {
    return `${where}expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}${got}`;
  }
  if (issue.code === 'invalid_type') return `${where}expected ${issue.expected}${got}`;
  if (issue.code === 'custom') return `${where}${issue.message}`;
  return `${where}${issue.message.replace(/^Invalid input: /, '')}${got}`;
}

/** The candidate nearest to `word` by edit distance, if it is a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}
