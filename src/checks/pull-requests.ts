import type { CheckOutcome, Commit } from '../gate/contract.js';
import { describeCommit, NOTHING_TO_DEPLOY, outcomeOfError } from '../github/outcome.js';
import type { PullRequestInfo } from '../github/signals.js';
import { plural } from '../text/plural.js';
import * as z from '../validation/zod.js';
import { defineBuiltin } from './define.js';

const labels = z.array(z.string().check(z.minLength(1)));

export const pullRequestsCheck = defineBuiltin({
  type: 'pull-requests',
  description:
    'fails when a pull request in the batch is a draft, carries a blocking label, lacks a required label or approval',
  schema: z.strictObject({
    blockLabels: z._default(labels, ['do-not-deploy']),
    requireLabels: z._default(labels, []),
    requireApproval: z._default(z.boolean(), false),
    withoutPullRequest: z._default(z.enum(['warn', 'fail', 'ignore']), 'warn'),
  }),
  create: (options, setup) => async (ctx) => {
    if (ctx.batch.length === 0) return NOTHING_TO_DEPLOY;
    try {
      // Loaded here, not at the top: octokit must stay out of the CLI's startup.
      const [{ getGitHub }, { fetchCommitSignals }, { broughtBy }] = await Promise.all([
        import('../github/client.js'),
        import('../github/commit-signals.js'),
        import('../github/pull-requests.js'),
      ]);
      const gh = await getGitHub(setup, ctx);
      const signals = await fetchCommitSignals(
        gh,
        ctx.batch.map((commit) => commit.sha),
        { signal: ctx.signal },
      );
      const pullRequests = new Map<number, PullRequestInfo>();
      const withoutPullRequest: Commit[] = [];
      for (const commit of ctx.batch) {
        const brought = broughtBy(signals.get(commit.sha)?.pullRequests ?? []);
        if (brought.length === 0) withoutPullRequest.push(commit);
        for (const pr of brought) pullRequests.set(pr.number, pr);
      }
      return report([...pullRequests.values()], withoutPullRequest, options);
    } catch (error) {
      return outcomeOfError(error, ctx.signal);
    }
  },
});

interface Rules {
  blockLabels: string[];
  requireLabels: string[];
  requireApproval: boolean;
  withoutPullRequest: 'warn' | 'fail' | 'ignore';
}

// GitHub label names are unique regardless of case, so compare them that way.
const hasLabel = (pr: PullRequestInfo, name: string) =>
  pr.labels.some((label) => label.toLowerCase() === name.toLowerCase());

function problemsOf(pr: PullRequestInfo, rules: Rules): string[] {
  // A draft is its author saying "not ready": it never ships, whatever its labels say.
  const problems = pr.isDraft && pr.state === 'OPEN' ? ['draft'] : [];
  problems.push(...rules.blockLabels.filter((name) => hasLabel(pr, name)).map((name) => `blocking label "${name}"`));
  problems.push(...rules.requireLabels.filter((name) => !hasLabel(pr, name)).map((name) => `missing label "${name}"`));
  const unapproved = rules.requireApproval ? whyNotApproved(pr) : null;
  if (unapproved) problems.push(`not approved (${unapproved})`);
  return problems;
}

/**
 * Read from the reviews themselves: GitHub's reviewDecision is null on a repository
 * without a required-review rule. Each reviewer's latest approval or change request
 * counts; the branch's own rule, where there is one, has the last word.
 */
function whyNotApproved(pr: PullRequestInfo): string | null {
  const requested = pr.reviews.filter((review) => review.state === 'CHANGES_REQUESTED');
  if (requested.length)
    return `changes requested by ${requested.map((review) => `@${review.author ?? 'ghost'}`).join(', ')}`;
  if (pr.reviewDecision === 'APPROVED') return null;
  if (pr.reviewDecision === 'CHANGES_REQUESTED') return 'changes requested';
  if (pr.reviewDecision === 'REVIEW_REQUIRED') return "the branch's review rule is not met";
  if (!pr.reviewsComplete) return 'too many reviewers to read in one page: check it on GitHub';
  if (!pr.reviews.some((review) => review.state === 'APPROVED')) return 'no approving review';
  return null;
}

function report(pullRequests: PullRequestInfo[], withoutPullRequest: Commit[], rules: Rules): CheckOutcome {
  const details: string[] = [];
  const offending = pullRequests.filter((pr) => problemsOf(pr, rules).length > 0).sort((a, b) => a.number - b.number);
  for (const pr of offending) {
    const labelList = pr.labels.length ? ` [${pr.labels.join(', ')}]` : '';
    details.push(`#${pr.number} ${pr.title} by ${pr.author ? `@${pr.author}` : 'unknown'}${labelList} ${pr.url}`);
    details.push(`  ${problemsOf(pr, rules).join('; ')}`);
  }
  const listUnreviewed = rules.withoutPullRequest !== 'ignore' && withoutPullRequest.length > 0;
  if (listUnreviewed) {
    details.push(`${plural(withoutPullRequest.length, 'commit')} without a pull request:`);
    for (const commit of withoutPullRequest) details.push(`  ${describeCommit(commit)}`);
  }
  const prs = plural(pullRequests.length, 'pull request');
  if (offending.length) {
    const numbers = offending.map((pr) => `#${pr.number}`).join(', ');
    return {
      status: 'fail',
      summary: `${offending.length} of ${prs} not ready to deploy: ${numbers}`,
      details,
      url: offending[0]?.url,
    };
  }
  if (listUnreviewed) {
    const summary = `${plural(withoutPullRequest.length, 'commit')} came without a pull request`;
    return { status: rules.withoutPullRequest === 'fail' ? 'fail' : 'warn', summary, details };
  }
  return { status: 'pass', summary: `${prs} ready to deploy` };
}
