import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { durationSchema, formatDuration } from '../config/duration.js';
import type { CheckContext, CheckOutcome, Commit } from '../gate/contract.js';
import type { CommitCi } from '../github/ci-verdict.js';
import { describeCommit, NOTHING_TO_DEPLOY, outcomeOfError } from '../github/outcome.js';
import { plural } from '../report/plural.js';
import { defineBuiltin } from './define.js';

const patterns = z.array(z.string().min(1)).default([]);

export const ciStatusCheck = defineBuiltin({
  type: 'ci-status',
  description: 'passes when GitHub CI (check runs and commit statuses) is green on the commits going out',
  schema: z.strictObject({
    scope: z.enum(['all', 'head']).default('all'),
    required: patterns,
    allowFailures: patterns,
    ignore: patterns,
    onPending: z.enum(['fail', 'wait']).default('fail'),
    waitTimeout: durationSchema.default(10 * 60_000),
    pollInterval: durationSchema.default(15_000),
    allowMissing: z.boolean().default(false),
  }),
  create: (options, setup) => async (ctx) => {
    if (ctx.batch.length === 0) return NOTHING_TO_DEPLOY;
    try {
      // Loaded here, not at the top: octokit must stay out of the CLI's startup.
      const [{ getGitHub }, { fetchCommitSignals }, { judgeCommit }] = await Promise.all([
        import('../github/client.js'),
        import('../github/commit-signals.js'),
        import('../github/ci-verdict.js'),
      ]);
      const gh = await getGitHub(setup, ctx);
      const commits = options.scope === 'head' ? ctx.batch.slice(0, 1) : ctx.batch;
      const judge = async (shas: string[], fresh: boolean) => {
        const signals = await fetchCommitSignals(gh, shas, { signal: ctx.signal, fresh });
        return new Map(shas.map((sha) => [sha, judgeCommit(signals.get(sha), options)]));
      };
      // Every commit of the batch is fetched even for scope head, so pull-requests shares the same query.
      const verdicts = await judge(
        ctx.batch.map((commit) => commit.sha),
        false,
      );
      if (options.onPending === 'wait') await waitForPending(commits, verdicts, ctx, options, judge);
      return report(commits, verdicts, options.allowMissing);
    } catch (error) {
      return outcomeOfError(error, ctx.signal);
    }
  },
});

const isWaiting = (ci: CommitCi | undefined) => ci?.verdict === 'pending' || ci?.verdict === 'missing';

async function waitForPending(
  commits: Commit[],
  verdicts: Map<string, CommitCi>,
  ctx: CheckContext,
  options: { waitTimeout: number; pollInterval: number },
  judge: (shas: string[], fresh: boolean) => Promise<Map<string, CommitCi>>,
): Promise<void> {
  const deadline = Date.now() + options.waitTimeout;
  for (;;) {
    const waiting = commits.filter((commit) => isWaiting(verdicts.get(commit.sha)));
    const left = deadline - Date.now();
    if (waiting.length === 0 || left <= 0) return;
    const names = waiting.flatMap((commit) => (verdicts.get(commit.sha)?.pending ?? []).map((context) => context.name));
    ctx.progress(
      `waiting for CI on ${plural(waiting.length, 'commit')}${names.length ? ` (${[...new Set(names)].slice(0, 3).join(', ')})` : ''}, ${formatDuration(left)} left`,
    );
    await sleep(Math.min(options.pollInterval, left), undefined, { signal: ctx.signal });
    const fresh = await judge(
      waiting.map((commit) => commit.sha),
      true,
    );
    for (const [sha, ci] of fresh) verdicts.set(sha, ci);
  }
}

function report(commits: Commit[], verdicts: Map<string, CommitCi>, allowMissing: boolean): CheckOutcome {
  const head = commits[0]?.sha;
  const details: string[] = [];
  const red: Commit[] = [];
  const waiting: Commit[] = [];
  let allowedFailures = 0;
  let withoutCi = 0;
  let url: string | undefined;
  for (const commit of commits) {
    const ci = verdicts.get(commit.sha) as CommitCi;
    allowedFailures += ci.allowedFailures.length;
    const missingAllowed = ci.verdict === 'missing' && allowMissing && commit.sha !== head;
    if (ci.verdict === 'green' && ci.allowedFailures.length === 0) continue;
    if (missingAllowed) {
      withoutCi++;
      continue;
    }
    details.push(describeCommit(commit));
    if (ci.verdict === 'missing')
      details.push(ci.known ? '  no CI reported for this commit' : '  GitHub does not have this commit (not pushed?)');
    for (const context of ci.failing)
      details.push(`  ✗ ${context.name}: ${context.state}${context.url ? ` ${context.url}` : ''}`);
    for (const context of ci.pending)
      details.push(`  … ${context.name}: ${context.state}${context.url ? ` ${context.url}` : ''}`);
    for (const context of ci.allowedFailures) {
      details.push(`  ! ${context.name}: ${context.state} (allowed to fail)${context.url ? ` ${context.url}` : ''}`);
    }
    url ??= ci.failing.find((context) => context.url)?.url ?? undefined;
    if (ci.verdict === 'red' || ci.verdict === 'missing') red.push(commit);
    if (ci.verdict === 'pending') waiting.push(commit);
  }
  const scope = plural(commits.length, 'commit');
  if (red.length) {
    return {
      status: 'fail',
      summary: `CI is not green on ${red.length} of ${scope}: ${red.map((c) => c.shortSha).join(', ')}`,
      details,
      url,
    };
  }
  if (waiting.length) {
    return {
      status: 'fail',
      summary: `CI still running on ${waiting.length} of ${scope}: ${waiting.map((c) => c.shortSha).join(', ')}`,
      details,
    };
  }
  if (allowedFailures)
    return {
      status: 'warn',
      summary: `CI green on ${scope}, with ${plural(allowedFailures, 'allowed failure')}`,
      details,
    };
  const note = withoutCi ? ` (${plural(withoutCi, 'intermediate commit')} without CI, allowed)` : '';
  return { status: 'pass', summary: `CI green on ${scope}${note}` };
}
