import { confirm } from '../cli/confirm.js';
import type { Output } from '../cli/output.js';
import { scriptEnv, scriptVariables } from '../context/script-env.js';
import type { Execution, ExecutionResult } from '../deploy/execute.js';
import type { DeployPlan } from '../deploy/plan.js';
import { ExitCode } from '../errors.js';
import { distinctAuthors } from '../git/author.js';
import { commitLabel } from '../git/commits.js';
import { renderCommitLines } from '../report/batch-list.js';
import { safeLine } from '../report/untrusted-text.js';
import { plural } from '../text/plural.js';
import { shortSha } from '../text/sha.js';
import { formatDuration } from '../time/duration.js';
import { noteRun, planFacts } from './run-document.js';
import { describeVerified } from './verify-output.js';

const BATCH_LINES = 30;

/** What is about to go out: the batch, and every exclusion with its story. */
export function printPlan(plan: DeployPlan, output: Output): void {
  noteRun(output, planFacts(plan));
  const { chalk } = output;
  const { context } = plan;
  const authors = distinctAuthors(plan.shipping).length;
  const from = plan.live ? shortSha(plan.live.sha) : 'nothing';
  output.print(
    chalk.bold(
      `${context.environment}: ${from} → ${shortSha(context.candidate.sha)} (${safeLine(context.candidate.ref)}), ${plural(plan.shipping.length, 'commit')} by ${plural(authors, 'author')}`,
    ),
  );
  output.print(renderCommitLines(plan.shipping, chalk, { limit: BATCH_LINES }).join('\n'));
  for (const { commit, record } of plan.exclusions) {
    const label = safeLine(commitLabel(commit));
    const reason = safeLine(record.reason);
    if (record.deployId === undefined) {
      output.print(chalk.magenta(`  excluded: ${label}${reason ? ` (${reason})` : ''}`));
    } else {
      const why = reason ? `: ${reason}` : '';
      output.print(
        chalk.magenta(
          `  still excluded: ${label} (excluded in deploy ${record.deployId} by ${safeLine(record.by)}${why})`,
        ),
      );
    }
  }
  for (const retirement of plan.retired) {
    const label = safeLine(commitLabel(retirement.commit));
    const why =
      retirement.why === 'included'
        ? 'included again (--include)'
        : retirement.why === 'reverted'
          ? `reverted on the branch by ${shortSha(retirement.revertedBy ?? '')}`
          : 'no longer on the branch';
    output.print(chalk.green(`  exclusion retired: ${label}, ${why}`));
  }
  if (plan.target !== context.candidate.sha) {
    output.print(
      chalk.dim(
        `  release commit ${shortSha(plan.target)} = ${shortSha(context.candidate.sha)} without the excluded commits`,
      ),
    );
  }
  output.print();
}

/** Exactly what would run (the execution `executeDeploy` would carry out), and the promise that nothing changed. */
export function printDryRun(output: Output, run: Execution): void {
  noteRun(output, { dryRun: run });
  const { chalk, print } = output;
  const command = Array.isArray(run.script.run)
    ? `${run.script.run.join(' ')} (argv, no shell)`
    : `sh -c ${JSON.stringify(run.script.run)}`;
  print(chalk.bold(`Dry run: would ${run.action} ${shortSha(run.sha)} to ${run.environment}.`));
  if (run.releaseRef) print(`  would push the release commit to ${run.releaseRef.ref}`);
  print(`  would run: ${command}`);
  print(`  in: ${run.script.cwd ?? '.'} (timeout ${formatDuration(run.script.timeout)})`);
  const variables = scriptEnv(run.script.env, scriptVariables(run, '(assigned when it runs)'));
  for (const [name, value] of Object.entries(variables)) print(`    ${name}=${safeLine(value)}`);
  for (const line of (run.lifecycle ?? []).flatMap((step) => step.describe?.(run) ?? [])) print(`  ${safeLine(line)}`);
  print(chalk.dim('Nothing was locked, pushed or recorded.'));
}

/** On a TTY, asks before acting unless --yes; elsewhere never waits for input. */
export async function confirmOrCancel(output: Output, yes: boolean | undefined, question: string): Promise<boolean> {
  if (yes || !output.interactive) return true;
  if (await confirm(question)) return true;
  output.print('Cancelled: nothing was changed.');
  return false;
}

/** The last lines of a deploy or rollback, and its exit code. */
export function describeResult(result: ExecutionResult, output: Output): number {
  noteRun(output, { result });
  if (result.verification) return describeVerified({ ...result, verification: result.verification }, output);
  const { record, outcome } = result;
  const { chalk } = output;
  const what = `${record.action} #${record.id} of ${shortSha(record.sha)} to ${record.environment}`;
  const took = formatDuration(outcome.durationMs);
  if (outcome.status === 'success') {
    output.print(chalk.green.bold(`✔ ${what} succeeded in ${took}`));
    if (result.lockLeft)
      output.print(
        chalk.yellow(
          `${record.environment} is now locked: "${safeLine(result.lockLeft.reason)}" (shipit unlock to release it)`,
        ),
      );
    return ExitCode.ok;
  }
  output.print(chalk.dim(`log: ${result.logFile}`));
  if (outcome.status === 'aborted') {
    output.print(chalk.yellow.bold(`○ ${what} was interrupted and recorded as aborted; the lock is released`));
    return ExitCode.interrupted;
  }
  output.print(chalk.red.bold(`✖ ${what} failed: ${safeLine(record.message ?? 'the script failed')} (after ${took})`));
  return ExitCode.failed;
}
