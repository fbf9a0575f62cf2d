import type { DeployLifecycle } from '../deploy/execute.js';
import type { GitHubSetup } from '../github/client.js';
import { shortSha } from '../text/sha.js';
import type { NotificationConfig } from './config.js';
import { deployCommits, deployMessage, messageBasics } from './deploy-message.js';
import { endGroup, isGitHubActions, startGroup } from './github-actions.js';
import { newlyExcluded, outcomeEvent } from './message.js';
import { createNotifier } from './notifier.js';

/**
 * The notifications of a deploy or rollback as two lifecycle steps, so that what other steps do
 * (hooks, verification) falls between them:
 * - `outcome` goes FIRST in the list: its afterScript closes the log group and sends the outcome
 *   the moment it is recorded (`success`/`failure`, or `rollback`; then `exclusion`);
 * - `start` goes LAST: its beforeScript sends `start` once every other step let the deploy go
 *   ahead, and opens the log group right before the script; its afterScript, the last one to run,
 *   waits for the deliveries (bounded) so that the process does not exit under them.
 */
export function notificationSteps(
  entries: readonly NotificationConfig[],
  setup: GitHubSetup,
  warn: (message: string) => void,
): { outcome: DeployLifecycle; start: DeployLifecycle } {
  const notifier = createNotifier(entries, { warn });
  const basics = messageBasics(setup);
  const actions = isGitHubActions();
  let commits: ReturnType<typeof deployCommits> | undefined;
  let grouped = false;
  return {
    start: {
      async beforeScript({ run, record }) {
        commits = deployCommits(run);
        if (entries.length) notifier.send(deployMessage('start', run, record, commits, basics));
        if (actions) {
          grouped = true;
          run.echo(
            Buffer.from(`${startGroup(`shipit ${run.action} #${record.id} of ${shortSha(run.sha)}: the script`)}\n`),
          );
        }
      },
      async afterScript({ run }) {
        await notifier.settle(run.signal);
      },
      async afterStop({ run }) {
        await notifier.settle(run.signal);
      },
    },
    outcome: {
      async afterScript({ run, record }) {
        // Output that did not end with a newline would swallow the command: start a line of its own.
        if (grouped) run.echo(Buffer.from(`\n${endGroup()}\n`));
        if (!entries.length) return;
        commits ??= deployCommits(run);
        const event = outcomeEvent(record);
        notifier.send(deployMessage(event, run, record, commits, basics));
        const held = newlyExcluded(record);
        if (event === 'success' && held.length) {
          const message = deployMessage('exclusion', run, record, commits, basics);
          notifier.send(message.then((ready) => ({ ...ready, excluded: held })));
        }
      },
      // Stopped before its script (a failing beforeDeploy hook, Ctrl-C): the channel still hears how it ended.
      async afterStop({ run, record }) {
        if (grouped) run.echo(Buffer.from(`\n${endGroup()}\n`));
        if (!entries.length) return;
        commits ??= deployCommits(run);
        notifier.send(deployMessage(outcomeEvent(record), run, record, commits, basics));
      },
    },
  };
}
