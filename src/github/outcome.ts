import { describeError, isShipitError } from '../errors.js';
import type { CheckOutcome, Commit } from '../gate/contract.js';

export const NOTHING_TO_DEPLOY: CheckOutcome = {
  status: 'pass',
  summary: 'nothing to deploy: the batch has no commits',
};

/** A GitHub failure as a failed check: the one-line message, and the hint as a detail. */
export function outcomeOfError(error: unknown, signal: AbortSignal): CheckOutcome {
  if (signal.aborted && !isShipitError(error)) throw error;
  if (!isShipitError(error)) return { status: 'fail', summary: describeError(error) };
  return { status: 'fail', summary: error.message, details: error.hint ? [error.hint] : undefined };
}

/** "a1b2c3d feat: login (dev1)" */
export const describeCommit = (commit: Commit) => `${commit.shortSha} ${commit.subject} (${commit.authorName})`;
