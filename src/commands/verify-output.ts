import type { Output } from '../cli/output.js';
import type { ExecutionResult } from '../deploy/execute.js';
import { ExitCode } from '../errors.js';
import { suggestionLines } from '../report/exclude-suggestion.js';
import { safeLine } from '../report/untrusted-text.js';
import { plural } from '../text/plural.js';
import { shortSha } from '../text/sha.js';

/** The last lines of a deploy that had a verification window, and its exit code. */
export function describeVerified(
  result: ExecutionResult & { verification: NonNullable<ExecutionResult['verification']> },
  output: Output,
): number {
  const { chalk } = output;
  const { record, verification } = result;
  const what = `deploy #${record.id} of ${shortSha(record.sha)} to ${record.environment}`;
  const rounds = plural(record.verification?.roundCount ?? 0, 'round');
  const lockLine = () => {
    if (result.lockLeft)
      output.print(
        chalk.yellow(
          `${record.environment} is now locked: "${safeLine(result.lockLeft.reason)}" (shipit unlock to release it)`,
        ),
      );
  };
  if (verification.problem) output.print(chalk.red.bold(`✖ ${safeLine(verification.problem)}`));
  if (verification.verdict === 'passed') {
    output.print(chalk.green.bold(`✔ ${what} succeeded and passed its verification (${rounds})`));
    return ExitCode.ok;
  }
  if (verification.verdict === 'interrupted') {
    output.print(
      chalk.yellow.bold(
        `○ ${what} is live, its verification interrupted after ${rounds}: recorded as success, unverified`,
      ),
    );
    if (verification.rollback) output.print(`rolled back on request: rollback #${verification.rollback.record.id}`);
    else output.print('`shipit verify` watches it again.');
    lockLine();
    return ExitCode.interrupted;
  }
  output.print(chalk.red.bold(`✖ ${what} is faulty: ${safeLine(record.message ?? 'its verification failed')}`));
  const rollback = verification.rollback;
  if (rollback?.record.status === 'success') {
    output.print(chalk.yellow(`↩ rolled back to ${shortSha(rollback.record.sha)} (rollback #${rollback.record.id})`));
  } else if (record.verification?.onFailure === 'none') {
    output.print(chalk.yellow('it is still live (onFailure: none): roll back with `shipit rollback`'));
  }
  lockLine();
  if (verification.suggestion) {
    const [first, ...rest] = suggestionLines(verification.suggestion);
    output.print(chalk.bold(first ?? ''));
    for (const line of rest) output.print(chalk.cyan(line));
    if (result.lockLeft) output.print(chalk.dim('  (after `shipit unlock`)'));
  } else if (verification.culprit) {
    const { shortSha: short, subject } = verification.culprit;
    output.print(chalk.bold(`Its one new commit was ${short} ${safeLine(subject)}; once the branch has more to ship:`));
    output.print(chalk.cyan(`  shipit deploy --exclude ${short}`));
  }
  return ExitCode.failed;
}
