import type { Output } from '../cli/output.js';
import { deployedBranch } from '../context/resolve-context.js';
import { planDeploy } from '../deploy/plan.js';
import { describeError } from '../errors.js';
import type { Commit } from '../gate/contract.js';
import { distinctAuthors } from '../git/author.js';
import { commitLabel } from '../git/commits.js';
import { formatConflict } from '../release/explain-conflict.js';
import { pullRequestNumber, renderCommitLines } from '../report/batch-list.js';
import { batchJson, liveJson } from '../report/json-shapes.js';
import { safeLine } from '../report/untrusted-text.js';
import { describeLock } from '../state/store.js';
import { plural } from '../text/plural.js';
import { shortSha } from '../text/sha.js';
import { type GlobalOptions, loadProject, openStoreFetching, type Project, planBasics } from './project.js';
import { triggerLabel, verificationLine } from './record-notes.js';

/** `shipit status`: what is live, what would go out next, the lock, the last deploy, standing exclusions. */
export async function statusCommand(
  options: GlobalOptions & { json?: boolean; fetch?: boolean; all?: boolean },
  output: Output,
): Promise<number> {
  const project = await loadProject(options);
  if (options.all) return (await import('./status-all.js')).statusAllCommand(project, output);
  const stateNotes: string[] = [];
  const branch = await deployedBranch(project.repoRoot, project.config.remote, project.config.branch);
  const fetch = options.fetch !== false;
  // The branch comes in the state's fetch: one `git fetch`, not two (as for `check`).
  const { store, branchFetched } = await openStoreFetching(project, stateNotes, fetch ? branch : undefined);
  const [plan, [last], lock] = await Promise.all([
    planDeploy(store, { ...planBasics(project), branch, fetch: fetch && !branchFetched, keepConflict: true }),
    store.listRecords({ limit: 1 }),
    store.readLock(),
  ]);
  const { live, context } = plan;
  const batch = live ? plan.shipping : [];
  const pulls = await pullRequestNumbers(project, batch);
  const authors = distinctAuthors(batch);
  const conflictNotes = plan.conflict
    ? [`the next release cannot be built: ${formatConflict(plan.conflict)[0]} (\`shipit deploy --dry-run\` explains)`]
    : [];
  const status = {
    environment: project.environment,
    live: liveJson(live),
    candidate: context.candidate,
    // What the next deploy ships (the sha `check` judges): the release commit, or the candidate itself.
    release: plan.conflict ? null : plan.target,
    batch: batchJson(
      batch,
      plan.exclusions.map((exclusion) => exclusion.commit),
      pulls.numbers,
    ),
    exclusions: plan.exclusions.map((exclusion) => exclusion.record),
    retired: plan.retired.map(({ commit, why, revertedBy }) => ({
      sha: commit.sha,
      subject: commit.subject,
      why,
      ...(revertedBy ? { revertedBy } : {}),
    })),
    lock: lock
      ? { user: lock.user, host: lock.host, since: lock.since, reason: lock.reason, kind: lock.kind, stale: lock.stale }
      : null,
    lastDeploy: last
      ? { id: last.id, action: last.action, status: last.status, sha: last.sha, user: last.user, at: last.startedAt }
      : null,
    notes: [...stateNotes, ...context.notes, ...conflictNotes, ...pulls.notes],
  };
  if (output.json) {
    output.printJson(status);
    return 0;
  }

  const { chalk } = output;
  output.print(chalk.bold(`${project.environment}`));
  output.print(
    live
      ? `  production  ${chalk.yellow(shortSha(live.sha))} ${live.action} #${live.id} by ${safeLine(live.user)}${live.sha !== live.candidate ? ` (release of ${shortSha(live.candidate)})` : ''}`
      : '  production  nothing deployed yet',
  );
  output.print(`  candidate   ${chalk.yellow(shortSha(context.candidate.sha))} (${safeLine(context.candidate.ref)})`);
  if (status.release && status.release !== context.candidate.sha) {
    output.print(
      `  release     ${chalk.yellow(shortSha(status.release))} = ${shortSha(context.candidate.sha)} without ${plural(plan.exclusions.length, 'excluded commit')}`,
    );
  }
  if (last)
    output.print(
      `  last deploy #${last.id} ${last.action} ${last.status} by ${safeLine(last.user)}${triggerLabel(last)} at ${last.startedAt.replace('T', ' ').slice(0, 16)} UTC`,
    );
  const verification = last && verificationLine(last);
  if (verification) output.print(`              ${verification}`);
  output.print(
    `  lock        ${lock ? chalk.red(`${safeLine(describeLock(lock))}${lock.stale ? ' (stale)' : ''}`) : chalk.green('free')}`,
  );
  for (const excluded of status.exclusions) {
    output.print(
      chalk.magenta(
        `  excluded    ${shortSha(excluded.sha)} "${safeLine(excluded.subject)}" (deploy ${excluded.deployId} by ${safeLine(excluded.by)}${excluded.reason ? `: ${safeLine(excluded.reason)}` : ''})`,
      ),
    );
  }
  for (const retired of plan.retired) {
    const why =
      retired.why === 'reverted'
        ? `reverted on the branch by ${shortSha(retired.revertedBy ?? '')}`
        : retired.why === 'gone'
          ? 'no longer on the branch'
          : 'included again';
    output.print(
      chalk.green(`  retiring    ${safeLine(commitLabel(retired.commit))}, ${why}: the next deploy ends it`),
    );
  }
  output.print();
  if (!live) output.print('Next deploy: the candidate (first deploy).');
  else if (batch.length === 0) output.print('Nothing to deploy: production is up to date with the branch.');
  else {
    output.print(chalk.bold(`Next deploy: ${plural(batch.length, 'commit')} by ${plural(authors.length, 'author')}`));
    output.print(renderCommitLines(batch, chalk, { pullRequests: pulls.numbers }).join('\n'));
  }
  for (const note of status.notes) output.print(chalk.dim(`note: ${safeLine(note)}`));
  return 0;
}

/** PR numbers from GitHub when a token is at hand, else what commit subjects say. */
async function pullRequestNumbers(
  project: Project,
  batch: Commit[],
): Promise<{ numbers: Map<string, number[]>; notes: string[] }> {
  const fromGit = new Map(
    batch.map((commit) => [commit.sha, [pullRequestNumber(commit)].filter((n): n is number => n !== null)]),
  );
  const hasToken = Boolean(process.env.GITHUB_TOKEN || process.env.GH_TOKEN);
  if (batch.length === 0 || !(project.config.github || hasToken)) return { numbers: fromGit, notes: [] };
  try {
    const [{ getGitHub }, { pullRequestsFor }] = await Promise.all([
      import('../github/client.js'),
      import('../github/pull-requests.js'),
    ]);
    const gh = await getGitHub(project.setup, { repoRoot: project.repoRoot, env: process.env });
    const found = await pullRequestsFor(
      gh,
      batch.map((commit) => commit.sha),
    );
    return { numbers: new Map([...found].map(([sha, prs]) => [sha, prs.map((pr) => pr.number)])), notes: [] };
  } catch (error) {
    return { numbers: fromGit, notes: [`pull request numbers from commit subjects only: ${describeError(error)}`] };
  }
}
