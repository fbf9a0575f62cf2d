import type { Commit } from '../gate/contract.js';
import { distinctAuthors } from '../git/author.js';
import type { DeployRecord } from '../state/store.js';
import { pullRequestNumber } from './batch-list.js';

// The shapes every --json document shares (docs/schemas/common.schema.json): one batch, one live
// release, built here so `check`, `status`, `deploy` and `rollback` cannot drift apart again.

/** `batch`: what a deploy ships, the same object in every document. */
export function batchJson(
  commits: readonly Commit[],
  excluded: readonly { sha: string }[],
  pullRequests?: ReadonlyMap<string, number[]>,
) {
  return {
    count: commits.length,
    authors: distinctAuthors(commits),
    commits: commits.map((commit) => ({
      sha: commit.sha,
      subject: commit.subject,
      author: commit.authorName,
      // From GitHub when the caller asked it (status), else what the subject says.
      pullRequests: pullRequests?.get(commit.sha) ?? [pullRequestNumber(commit)].filter((n) => n !== null),
    })),
    excluded: excluded.map((commit) => commit.sha),
  };
}

/** `live`: the release an environment runs, as its record says; null before the first one. */
export function liveJson(record: DeployRecord | null) {
  if (!record) return null;
  return {
    sha: record.sha,
    candidate: record.candidate,
    deployId: record.id,
    action: record.action,
    user: record.user,
    at: record.finishedAt ?? record.startedAt,
  };
}
