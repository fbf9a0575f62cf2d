import type { GitHubSetup } from '../github/client.js';
import type { Lock } from '../state/lock-info.js';
import type { NotificationConfig } from './config.js';
import { messageBasics } from './deploy-message.js';
import { lockSummary } from './message.js';
import { createNotifier } from './notifier.js';

/** Sends `lock` or `unlock` for `shipit lock`/`unlock` and waits for it (bounded, like a deploy's). */
export async function sendLockChange(
  event: 'lock' | 'unlock',
  context: { entries: readonly NotificationConfig[]; setup: GitHubSetup; environment: string; user: string },
  lock: Lock,
  warn: (message: string) => void,
): Promise<void> {
  const notifier = createNotifier(context.entries, { warn });
  notifier.send({
    event,
    environment: context.environment,
    user: context.user,
    ...messageBasics(context.setup),
    deploy: null,
    commit: null,
    batch: null,
    excluded: [],
    lock: lockSummary(lock),
  });
  await notifier.settle();
}
