import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckContext, CheckOutcome, Commit } from '../gate/contract.js';
import type { CiEntry, CommitCi } from '../github/ci-verdict.js';
import { describeCommit, NOTHING_TO_DEPLOY, outcomeOfError } from '../github/outcome.js';
import { plural } from '../text/plural.js';
import { durationSchema, formatDuration } from '../time/duration.js';
import * as z from '../validation/zod.js';
import { defineBuiltin } from './define.js';

const patterns = z._default(z.array(z.string().check(z.minLength(1))), []);

export const ciStatusCheck = defineBuiltin({
  type: 'ci-status',
  description: 'passes when GitHub CI (check runs and commit statuses) is green on the commits going out',
  schema: z.strictObject({
    scope: z._default(z.enum(['all', 'head']), 'all'),
    required: patterns,
    allowFailures: patterns,
    ignore: patterns,
    onPending: z._default(z.enum(['fail', 'wait']), 'fail'),
    waitTimeout: z._default(durationSchema, 10 * 60_000),
    pollInterval: z._default(durationSchema, 15_000),
    allowMissing: z._default(z.boolean(), false),
    ownJobs: patterns,
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
      const rules = { ...options, currentRunId: currentRunId(ctx.env) };
      const commits = options.scope === 'head' ? ctx.batch.slice(0, 1) : ctx.batch;
      const judge = async (shas: string[], fresh: boolean) => {
        const signals = await fetchCommitSignals(gh, shas, { signal: ctx.signal, fresh });
        return new Map(shas.map((sha) => [sha, judgeCommit(signals.get(sha), rules)]));
      };
      // Every commit of the batch is fetched even for scope head, so pull-requests shares the same query.
      const verdicts = await judge(
        ctx.batch.map((commit) => commit.sha),
        false,
      );
      if (options.onPending === 'wait') await waitForPending(commits, verdicts, ctx, options, judge);
      return report(commits, verdicts, rules);
    } catch (error) {
      return outcomeOfError(error, ctx.signal);
    }
  },
});

/** Inside GitHub Actions, the workflow run the gate is part of: its jobs are the gate, not CI. */
function currentRunId(env: NodeJS.ProcessEnv): number | null {
  const id = Number(env.GITHUB_RUN_ID);
  return env.GITHUB_RUN_ID && Number.isSafeInteger(id) ? id : null;
}

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

function report(commits: Commit[], verdicts: Map<string, CommitCi>, rules: ReportRules): CheckOutcome {
  const head = commits[0]?.sha;
  const details: string[] = [];
  const red: Commit[] = [];
  const waiting: Commit[] = [];
  const skipped: Commit[] = [];
  const own = new Set<string>();
  let allowedFailures = 0;
  let withoutCi = 0;
  let url: string | undefined;
  for (const commit of commits) {
    const ci = verdicts.get(commit.sha) as CommitCi;
    for (const name of ci.ownJobs) own.add(name);
    allowedFailures += ci.allowedFailures.length;
    // An earlier commit whose runs a later push cancelled (cancel-in-progress) was superseded, like one without
    // CI; one where every check was skipped ran nothing either.
    const superseded =
      ci.verdict === 'missing' || ci.verdict === 'skipped' || (ci.verdict === 'red' && ci.onlyCancelled);
    if (superseded && rules.allowMissing && commit.sha !== head) {
      withoutCi++;
      continue;
    }
    const quiet = ci.allowedFailures.length === 0 && ci.awaitingApproval.length === 0;
    if (ci.verdict === 'green' && quiet) continue;
    details.push(describeCommit(commit), ...commitLines(ci));
    url ??= ci.failing.find((context) => context.url)?.url ?? undefined;
    if (ci.verdict === 'red' || ci.verdict === 'missing') red.push(commit);
    if (ci.verdict === 'pending') waiting.push(commit);
    if (ci.verdict === 'skipped') skipped.push(commit);
  }
  if (own.size) details.push(`left out as the gate's own jobs: ${[...own].sort().join(', ')}`);
  const scope = plural(commits.length, 'commit');
  const shas = (list: Commit[]) => list.map((c) => c.shortSha).join(', ');
  if (red.length) {
    const summary = `CI is not green on ${red.length} of ${scope}: ${shas(red)}`;
    return { status: 'fail', summary, details, url, culprits: red.map((commit) => commit.sha) };
  }
  if (waiting.length)
    return { status: 'fail', summary: `CI still running on ${waiting.length} of ${scope}: ${shas(waiting)}`, details };
  if (skipped.length) {
    const summary = `every CI check was skipped on ${skipped.length} of ${scope}, nothing ran: ${shas(skipped)}`;
    return { status: 'warn', summary, details };
  }
  if (allowedFailures)
    return {
      status: 'warn',
      summary: `CI green on ${scope}, with ${plural(allowedFailures, 'allowed failure')}`,
      details,
    };
  const note = withoutCi ? ` (${plural(withoutCi, 'intermediate commit')} without CI or superseded, allowed)` : '';
  return { status: 'pass', summary: `CI green on ${scope}${note}`, ...(details.length ? { details } : {}) };
}

interface ReportRules {
  allowMissing: boolean;
}

function commitLines(ci: CommitCi): string[] {
  const line = (mark: string, entry: CiEntry, note = '') =>
    `  ${mark} ${entry.name}: ${entry.state}${note}${entry.url ? ` ${entry.url}` : ''}`;
  const lines: string[] = [];
  if (ci.verdict === 'missing')
    lines.push(ci.known ? '  no CI reported for this commit' : '  GitHub does not have this commit (not pushed?)');
  if (ci.verdict === 'skipped') lines.push('  every check was skipped (CI that runs only on pull requests?)');
  for (const entry of ci.failing) lines.push(line('✗', entry));
  for (const entry of ci.pending) lines.push(line('…', entry));
  for (const entry of ci.allowedFailures) lines.push(line('!', entry, ' (allowed to fail)'));
  for (const entry of ci.awaitingApproval) lines.push(line('·', entry, ' (awaiting approval, not counted)'));
  return lines;
}
