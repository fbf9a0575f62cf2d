import { ShipitError } from '../errors.js';
import { runGit } from '../git/git.js';
import { resolveCommit } from '../git/repo.js';
import type { DeployRecord, NewExclusion, StateStore } from '../state/store.js';
import { shortSha } from '../text/sha.js';
import { formatDuration } from '../time/duration.js';

/** What `deploy --from <source>` ships: exactly what the source runs. */
export interface Promotion {
  environment: string;
  deployId: number;
  /** The source's live release commit: production runs this very commit. */
  sha: string;
  /** The branch commit it was built from: the candidate of the promotion. */
  candidate: string;
  /** The source's exclusions, carried over; those the target holds back already keep their record. */
  excluded: NewExclusion[];
}

interface PromotionOptions {
  from: string;
  to: string;
  /** How long the source's release must have been live, in ms (0: no soak). */
  soakMs: number;
  now: Date;
  repoRoot: string;
  /** Where the source's release commit may be fetched from when this clone lacks it. */
  remote: string | null;
  releaseRef: string;
  /** The target's exclusions standing now: kept as they are when the source has them too. */
  standing: readonly NewExclusion[];
}

/**
 * The source's live release, once it has proven itself: its last deploy succeeded
 * and has been live for the soak time. Anything else is refused (`promote-refused`, exit 2).
 */
export async function readPromotion(source: StateStore, options: PromotionOptions): Promise<Promotion> {
  const { from, to } = options;
  const [last] = await source.listRecords({ limit: 1 });
  if (!last) {
    throw refused(`${from} was never deployed: there is nothing to promote to ${to}`, `deploy ${from} first`);
  }
  if (last.status !== 'success') {
    throw refused(
      `${from}'s last deploy (#${last.id}, ${shortSha(last.sha)}) is ${last.status}: only a release that went live cleanly is promoted`,
      `deploy ${from} again (or roll it back) until it is healthy, then promote`,
    );
  }
  assertSoaked(last, options);
  await ensureCommit(last.sha, options);
  const standing = new Map(options.standing.map((entry) => [entry.sha, entry]));
  return {
    environment: from,
    deployId: last.id,
    sha: last.sha,
    candidate: last.candidate,
    // The source's deploy ids mean nothing in the target's history: an exclusion new to it is held back by this deploy.
    excluded: last.excluded.map(
      (entry) =>
        standing.get(entry.sha) ?? { sha: entry.sha, subject: entry.subject, reason: entry.reason, by: entry.by },
    ),
  };
}

function assertSoaked(live: DeployRecord, options: PromotionOptions): void {
  if (options.soakMs <= 0) return;
  const liveSince = Date.parse(live.finishedAt ?? live.startedAt);
  const age = Math.max(0, options.now.getTime() - liveSince);
  if (age >= options.soakMs) return;
  throw refused(
    `${options.from}'s release ${shortSha(live.sha)} (deploy #${live.id}) has been live ${formatDuration(age)}, less than the ${formatDuration(options.soakMs)} soak before ${options.to}`,
    `wait ${formatDuration(options.soakMs - age)}, or change environments.${options.to}.promote.soak`,
  );
}

/** The release commit must be here to ship it: a clone that did not build it fetches the source's release ref. */
async function ensureCommit(sha: string, options: PromotionOptions): Promise<void> {
  if (await resolveCommit(options.repoRoot, sha)) return;
  if (options.remote) {
    await runGit(['fetch', '--quiet', '--no-tags', options.remote, options.releaseRef], {
      cwd: options.repoRoot,
      okExitCodes: [128],
    });
    if (await resolveCommit(options.repoRoot, sha)) return;
  }
  throw refused(
    `${options.from}'s release commit ${shortSha(sha)} is not in this repository${options.remote ? ` nor on ${options.remote} ${options.releaseRef}` : ''}`,
    `fetch it (git fetch ${options.remote ?? '<remote>'} ${sha}), then promote again`,
  );
}

function refused(message: string, hint: string): ShipitError {
  return new ShipitError('promote-refused', message, { hint });
}
