import picomatch from 'picomatch';
import type { CiContext, CommitSignals } from './commit-signals.js';

export type ContextResult = 'pass' | 'fail' | 'pending';

// neutral and skipped pass: GitHub itself lets them through branch protection,
// and a workflow skipped by a path filter has nothing to say about this commit.
const PASSING = new Set(['success', 'neutral', 'skipped']);
const FAILING = new Set(['failure', 'error', 'timed_out', 'cancelled', 'action_required', 'startup_failure', 'stale']);

/** GitHub's state of one context as the gate reads it; anything unknown waits rather than passes. */
export function resultOf(state: string): ContextResult {
  if (PASSING.has(state)) return 'pass';
  if (FAILING.has(state)) return 'fail';
  return 'pending';
}

/** One context per name: a re-run or a newer status supersedes the earlier ones. */
export function latestPerContext(contexts: CiContext[]): CiContext[] {
  const latest = new Map<string, CiContext>();
  for (const context of contexts) {
    const seen = latest.get(context.name);
    if (!seen || isLater(context, seen)) latest.set(context.name, context);
  }
  return [...latest.values()];
}

// A run not started yet (queued re-run) is the newest of all.
const startOf = (context: CiContext) => (context.startedAt ? Date.parse(context.startedAt) : Number.POSITIVE_INFINITY);

function isLater(a: CiContext, b: CiContext): boolean {
  if (startOf(a) !== startOf(b)) return startOf(a) > startOf(b);
  return (a.databaseId ?? 0) >= (b.databaseId ?? 0);
}

export interface CiRules {
  required: string[];
  allowFailures: string[];
  ignore: string[];
}

export interface CommitCi {
  verdict: 'green' | 'red' | 'pending' | 'missing';
  failing: CiContext[];
  allowedFailures: CiContext[];
  /** Names still running, and required contexts that never reported. */
  pending: { name: string; state: string; url: string | null }[];
  /** False when GitHub does not know the commit at all (not pushed). */
  known: boolean;
}

/** The CI verdict of one commit under the check's rules. */
export function judgeCommit(signals: CommitSignals | undefined, rules: CiRules): CommitCi {
  const ignored = matcher(rules.ignore);
  const allowed = matcher(rules.allowFailures);
  const contexts = latestPerContext(signals?.contexts ?? []).filter((context) => !ignored(context.name));
  const ci: CommitCi = {
    verdict: 'green',
    failing: [],
    allowedFailures: [],
    pending: [],
    known: signals?.found ?? false,
  };
  if (contexts.length === 0) return { ...ci, verdict: 'missing' };
  for (const context of contexts) {
    const result = resultOf(context.state);
    if (result === 'fail') (allowed(context.name) ? ci.allowedFailures : ci.failing).push(context);
    if (result === 'pending') ci.pending.push(context);
  }
  for (const pattern of rules.required) {
    const matches = picomatch(pattern);
    if (!contexts.some((context) => matches(context.name)))
      ci.pending.push({ name: pattern, state: 'expected, not reported', url: null });
  }
  ci.verdict = ci.failing.length ? 'red' : ci.pending.length ? 'pending' : 'green';
  return ci;
}

function matcher(patterns: string[]): (name: string) => boolean {
  return patterns.length ? picomatch(patterns) : () => false;
}
