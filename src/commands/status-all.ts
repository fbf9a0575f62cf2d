import type { Output } from '../cli/output.js';
import { definedEnvironments } from '../config/environments.js';
import { safeLine } from '../report/untrusted-text.js';
import { liveAndLedger } from '../state/live-release.js';
import { type DeployRecord, describeLock } from '../state/store.js';
import { shortSha } from '../text/sha.js';
import { formatDuration } from '../time/duration.js';
import { openStoreForReading, type Project, projectFor } from './project.js';

/** `shipit status --all`: every environment of the config, what runs there, its lock and exclusions. */
export async function statusAllCommand(project: Project, output: Output): Promise<number> {
  const names = definedEnvironments(project.sharedConfig);
  const read = await Promise.all(
    (names.length ? names : [project.environment]).map((name) => environmentStatus(projectFor(project, name))),
  );
  if (output.json) {
    output.printJson({ environments: read.map(({ status }) => status) });
    return 0;
  }
  const { chalk } = output;
  const width = Math.max(...read.map(({ status }) => status.environment.length));
  for (const { status: env, lock } of read) {
    const { live, lastDeploy } = env;
    const runs = live
      ? `${chalk.yellow(shortSha(live.sha))} deploy #${live.deployId} by ${safeLine(live.by)} at ${when(live.at)}${live.promotedFrom ? ` (from ${live.promotedFrom.environment} #${live.promotedFrom.deployId})` : ''}`
      : 'nothing deployed yet';
    output.print(`${chalk.bold(env.environment.padEnd(width))}  ${runs}`);
    const pad = ' '.repeat(width + 2);
    if (lastDeploy && lastDeploy.id !== live?.deployId) {
      output.print(
        `${pad}last deploy #${lastDeploy.id} ${lastDeploy.action} ${lastDeploy.status} by ${safeLine(lastDeploy.user)}`,
      );
    }
    if (lock) output.print(`${pad}${chalk.red(`${safeLine(describeLock(lock))}${lock.stale ? ' (stale)' : ''}`)}`);
    for (const excluded of env.exclusions) {
      output.print(
        chalk.magenta(
          `${pad}excluded ${shortSha(excluded.sha)} "${safeLine(excluded.subject)}"${excluded.reason ? `: ${safeLine(excluded.reason)}` : ''}`,
        ),
      );
    }
    if (env.promote) {
      const soak = env.promote.soakMs ? ` once live ${formatDuration(env.promote.soakMs)}` : '';
      output.print(chalk.dim(`${pad}promotes from ${env.promote.from}${soak} (deploy --from)`));
    }
    for (const note of env.notes) output.print(chalk.dim(`${pad}note: ${safeLine(note)}`));
  }
  return 0;
}

async function environmentStatus(project: Project) {
  const notes: string[] = [];
  const store = await openStoreForReading(project, notes);
  const [records, lock] = await Promise.all([store.listRecords(), store.readLock()]);
  const { live, ledger } = liveAndLedger(records);
  const last = records[0];
  const status = {
    environment: project.environment,
    live: live ? liveRelease(live) : null,
    lock: lock
      ? { user: lock.user, host: lock.host, since: lock.since, reason: lock.reason, kind: lock.kind, stale: lock.stale }
      : null,
    exclusions: ledger?.excluded ?? [],
    lastDeploy: last
      ? { id: last.id, action: last.action, status: last.status, sha: last.sha, user: last.user, at: last.startedAt }
      : null,
    promote: project.promote?.from ? { from: project.promote.from, soakMs: project.promote.soak ?? 0 } : null,
    notes,
  };
  return { status, lock };
}

function liveRelease(live: DeployRecord) {
  return {
    sha: live.sha,
    candidate: live.candidate,
    deployId: live.id,
    by: live.user,
    at: live.finishedAt ?? live.startedAt,
    ...(live.promotedFrom ? { promotedFrom: live.promotedFrom } : {}),
  };
}

const when = (iso: string) => `${iso.replace('T', ' ').slice(0, 16)} UTC`;
