import type { DeployLifecycle, Execution } from '../deploy/execute.js';
import type { GitHubSetup } from '../github/client.js';
import type { DeployRecord } from '../state/store.js';
import { shortSha } from '../text/sha.js';
import type { NotificationConfig } from './config.js';
import { deployCommits, deployMessage, messageBasics } from './deploy-message.js';
import { endGroup, isGitHubActions, startGroup } from './github-actions.js';
import { newlyExcluded, outcomeEvent } from './message.js';
import { createNotifier } from './notifier.js';

/**
 * The notifications of a deploy or rollback as two lifecycle steps, so that what other steps do
 * (hooks, verification) falls between them:
 * - `outcome` goes FIRST in the list: its afterScript (or afterStop) closes the log group and
 *   sends the outcome the moment it is recorded (`success`/`failure`, or `rollback`; then `exclusion`);
 * - `start` goes LAST: its beforeScript sends `start` once every other step let the deploy go
 *   ahead, and opens the log group right before the script; its afterUnlock waits for the
 *   deliveries (bounded) so that the process does not exit under them.
 * The same steps serve a deploy and the automatic rollback its verification runs inside it, so
 * what belongs to one run is kept per run, and the log group is closed before another opens.
 */
export function notificationSteps(
  entries: readonly NotificationConfig[],
  setup: GitHubSetup,
  warn: (message: string) => void,
): { outcome: DeployLifecycle; start: DeployLifecycle } {
  const notifier = createNotifier(entries, { warn });
  const basics = messageBasics(setup);
  const actions = isGitHubActions();
  const commitsByRun = new WeakMap<Execution, ReturnType<typeof deployCommits>>();
  const commitsOf = (run: Execution) => {
    const known = commitsByRun.get(run);
    if (known) return known;
    const commits = deployCommits(run);
    commitsByRun.set(run, commits);
    return commits;
  };
  let grouped = false;
  const closeGroup = (run: Execution) => {
    if (!grouped) return;
    grouped = false;
    // Output that did not end with a newline would swallow the command: start a line of its own.
    run.echo(Buffer.from(`\n${endGroup()}\n`));
  };
  const sendOutcome = (run: Execution, record: DeployRecord) => {
    closeGroup(run);
    if (!entries.length) return;
    const commits = commitsOf(run);
    const event = outcomeEvent(record);
    notifier.send(deployMessage(event, run, record, commits, basics));
    const held = newlyExcluded(record);
    if (event === 'success' && held.length) {
      const message = deployMessage('exclusion', run, record, commits, basics);
      notifier.send(message.then((ready) => ({ ...ready, excluded: held })));
    }
  };
  return {
    start: {
      async beforeScript({ run, record }) {
        if (entries.length) notifier.send(deployMessage('start', run, record, commitsOf(run), basics));
        if (!actions) return;
        // GitHub Actions groups do not nest: an automatic rollback's group ends the deploy's.
        closeGroup(run);
        grouped = true;
        run.echo(
          Buffer.from(`${startGroup(`shipit ${run.action} #${record.id} of ${shortSha(run.sha)}: the script`)}\n`),
        );
      },
      // Deliveries are waited for (bounded) once the lock is gone: a slow receiver delays this
      // process's exit, never the next deploy.
      async afterUnlock(run) {
        await notifier.settle(run.signal);
      },
    },
    outcome: {
      async afterScript({ run, record }) {
        sendOutcome(run, record);
      },
      // Stopped before its script (a failing beforeDeploy hook, Ctrl-C): the channel still hears how it ended.
      async afterStop({ run, record }) {
        sendOutcome(run, record);
      },
    },
  };
}
