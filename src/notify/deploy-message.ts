import type { LifecycleContext } from '../deploy/execute.js';
import { logUrlOf } from '../deploy/github-mirror.js';
import type { Commit } from '../gate/contract.js';
import { listCommits, readCommit } from '../git/commits.js';
import type { GitHubSetup } from '../github/client.js';
import type { DeployRecord } from '../state/record.js';
import type { NotifyEvent } from './config.js';
import { BATCH_LISTED, type NotifyMessage } from './message.js';

export interface MessageBasics {
  repository: string | null;
  logUrl: string | null;
}

type Run = LifecycleContext['run'];

/** Where a message's repository and log link come from: the config's `github` section, else GitHub Actions. */
export function messageBasics(setup: GitHubSetup, env: NodeJS.ProcessEnv = process.env): MessageBasics {
  return {
    repository: setup.github?.repository ?? env.GITHUB_REPOSITORY ?? null,
    logUrl: logUrlOf(setup, env) ?? null,
  };
}

/**
 * The commits of one run, read once from git for all its events. A notification never fails a
 * deploy: what git cannot say is left out (null), not thrown.
 */
export function deployCommits(run: Run) {
  let read: Promise<{ commit: Commit | null; batch: Commit[] | null }> | undefined;
  return () => {
    read ??= readRunCommits(run).catch(() => ({ commit: null, batch: null }));
    return read;
  };
}

async function readRunCommits(run: Run): Promise<{ commit: Commit | null; batch: Commit[] | null }> {
  const live = run.action === 'rollback' ? run.sha : run.candidate;
  const commit = await readCommit(run.repoRoot, live);
  if (!run.previousSha) return { commit, batch: null };
  if (run.action === 'rollback') return { commit, batch: await listCommits(run.repoRoot, run.previousSha, [run.sha]) };
  const held = new Set(run.excluded.map((entry) => entry.sha));
  const batch = (await listCommits(run.repoRoot, run.candidate, [run.previousSha])).filter((c) => !held.has(c.sha));
  return { commit, batch };
}

/** The message of a deploy or rollback event. */
export async function deployMessage(
  event: NotifyEvent,
  run: Run,
  record: DeployRecord,
  commits: ReturnType<typeof deployCommits>,
  basics: MessageBasics,
): Promise<NotifyMessage> {
  const { commit, batch } = await commits();
  return {
    event,
    environment: run.environment,
    user: record.user,
    ...basics,
    deploy: record,
    commit: commit && { sha: commit.sha, subject: commit.subject },
    batch: batch && {
      count: batch.length,
      commits: batch
        .slice(0, BATCH_LISTED)
        .map(({ sha, subject, authorName }) => ({ sha, subject, author: authorName })),
    },
    excluded: record.excluded,
    lock: null,
  };
}
