import { ShipitError } from '../errors.js';
import type { DeployRecord, RecordVerification } from '../state/record.js';
import type { StateStore } from '../state/store.js';
import { shortSha } from '../text/sha.js';
import type { VerificationPlan } from './verify-settings.js';
import { releaseChecksContext, runVerificationWindow } from './verify-window.js';

export interface LiveVerification {
  release: DeployRecord;
  window: RecordVerification;
}

/**
 * `shipit verify`: the verification window, now, against what runs, under the lock
 * (no deploy changes the release while it is watched). It reports only: the history
 * is not changed and nothing is rolled back, whatever `onFailure` says.
 */
export async function verifyLive(
  store: StateStore,
  plan: VerificationPlan,
  options: { repoRoot: string; user: string; signal: AbortSignal; say(line: string): void },
): Promise<LiveVerification> {
  const release = (await store.listRecords()).find((record) => LIVE.has(record.status));
  if (!release) {
    throw new ShipitError('nothing-to-verify', `no release of ${store.environment} is recorded as live`, {
      hint: 'deploy first; `shipit history` shows what was recorded',
    });
  }
  await store.acquireLock(
    { kind: 'deploy', reason: `verification of ${shortSha(release.sha)} by ${options.user}` },
    { signal: options.signal },
  );
  try {
    options.say(
      `verifying ${shortSha(release.sha)} (${release.action} #${release.id}, ${release.status}): ${plan.checks.map((check) => check.name).join(', ')}`,
    );
    const makeContext = releaseChecksContext(options.repoRoot, store.environment, {
      sha: release.sha,
      ref: release.ref,
    });
    const window = await runVerificationWindow(plan, makeContext, {
      signal: options.signal,
      async onRound(round, sofar) {
        options.say(`verify round ${sofar.roundCount}: ${round.ok ? 'ok' : `failing: ${round.failing.join(', ')}`}`);
      },
    });
    return { release, window };
  } finally {
    await store.releaseLock().catch(() => undefined);
  }
}

/** What may be running: the newest of these is the release to verify (a faulty one runs until replaced). */
const LIVE = new Set(['success', 'verifying', 'faulty']);
