import type { ChalkInstance } from 'chalk';
import type { Commit } from '../gate/contract.js';
import { safeLine } from './untrusted-text.js';

/** "(#123)" or "Merge pull request #123": the PR number git alone can tell. */
export function pullRequestNumber(commit: Commit): number | null {
  const match = /^Merge pull request #(\d+) /.exec(commit.subject) ?? /\(#(\d+)\)\s*$/.exec(commit.subject);
  return match?.[1] ? Number(match[1]) : null;
}

/** One line per commit: short sha, subject, author and its pull request when known. */
export function renderCommitLines(
  commits: Commit[],
  chalk: ChalkInstance,
  options: { limit?: number; pullRequests?: Map<string, number[]>; indent?: string } = {},
): string[] {
  const indent = options.indent ?? '  ';
  const limit = options.limit ?? commits.length;
  const lines = commits.slice(0, limit).map((commit) => {
    const numbers =
      options.pullRequests?.get(commit.sha) ?? [pullRequestNumber(commit)].filter((n): n is number => n !== null);
    const pr = numbers.length ? chalk.cyan(` ${numbers.map((n) => `#${n}`).join(' ')}`) : '';
    return `${indent}${chalk.yellow(commit.shortSha)} ${safeLine(commit.subject)} ${chalk.dim(`(${safeLine(commit.authorName)})`)}${pr}`;
  });
  if (commits.length > limit) lines.push(`${indent}${chalk.dim(`… and ${commits.length - limit} more`)}`);
  return lines;
}
