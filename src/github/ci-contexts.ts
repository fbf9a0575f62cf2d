import picomatch from 'picomatch';
import type { CiContext } from './signals.js';

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

/** The name as GitHub shows it in a pull request: "CI / test" for an Actions job, the bare name otherwise. */
export const displayName = (context: Pick<CiContext, 'name' | 'workflow'>) =>
  context.workflow ? `${context.workflow} / ${context.name}` : context.name;

/**
 * Patterns match a check the way GitHub names it: the bare job name (what branch
 * protection lists) or the "Workflow / job" form of the pull request page. `*`
 * crosses "/" so `build*` matches `build / linux`.
 */
export function nameMatcher(patterns: string[]): (context: Pick<CiContext, 'name' | 'workflow'>) => boolean {
  if (patterns.length === 0) return () => false;
  const matches = picomatch(patterns, { bash: true, dot: true });
  return (context) => matches(context.name) || matches(displayName(context));
}

// A run not started yet (queued re-run) is the newest of all; one not finished is never superseded.
const startOf = (context: CiContext) => (context.startedAt ? Date.parse(context.startedAt) : Number.POSITIVE_INFINITY);
const endOf = (context: CiContext) =>
  context.completedAt
    ? Date.parse(context.completedAt)
    : resultOf(context.state) === 'pending'
      ? Infinity
      : startOf(context);

/**
 * The contexts that still speak for the commit. Same key (app, workflow, event,
 * name; or status context) and started after the other had finished: a re-run,
 * which supersedes it. Started before: a sibling (matrix legs sharing a display
 * name), and both count, so a passing twin never hides a failure.
 */
export function currentContexts(contexts: CiContext[]): CiContext[] {
  const byKey = new Map<string, CiContext[]>();
  for (const context of contexts) byKey.set(context.key, [...(byKey.get(context.key) ?? []), context]);
  const supersedes = (later: CiContext, earlier: CiContext) =>
    startOf(later) > endOf(earlier) ||
    (startOf(later) === endOf(earlier) && (later.databaseId ?? 0) > (earlier.databaseId ?? 0));
  return contexts.filter((context) => {
    const twins = byKey.get(context.key) ?? [];
    return !twins.some((other) => other !== context && supersedes(other, context));
  });
}
