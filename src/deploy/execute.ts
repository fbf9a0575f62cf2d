import { join } from 'node:path';
import type { BuiltinSetup } from '../checks/define.js';
import type { ScriptConfig } from '../config/schema.js';
import { describeError } from '../errors.js';
import { git } from '../git/git.js';
import type { DeployRecord, Lock, NewExclusion, StateStore } from '../state/store.js';
import { startGitHubMirror } from './github-mirror.js';
import { publishReleaseRef } from './release-ref.js';
import { runScript, type ScriptOutcome } from './run-script.js';

export interface Execution {
  action: 'deploy' | 'rollback';
  environment: string;
  repoRoot: string;
  user: string;
  /** The commit that goes live. */
  sha: string;
  /** The branch commit it comes from (differs from `sha` for a release built with exclusions). */
  candidate: string;
  ref: string;
  previousSha: string | null;
  /** Exclusions; one without a deployId is held back by this deploy. */
  excluded: NewExclusion[];
  forced?: { reason: string; ignoredChecks: string[] };
  skipped?: { reason: string; checks: string[] };
  script: ScriptConfig;
  /** Where to publish a release commit before anything is recorded (only when sha !== candidate). */
  releaseRef?: { remote: string | null; ref: string };
  /** For a rollback: the lock to leave behind on success instead of releasing it. */
  lockAfterSuccess?: string;
  lockWaitMs?: number;
  setup: BuiltinSetup;
  signal: AbortSignal;
  echo(chunk: Buffer): void;
  warn(message: string): void;
}

export interface ExecutionResult {
  record: DeployRecord;
  outcome: ScriptOutcome;
  logFile: string;
  /** The lock left in place (a rollback's), if any. */
  lockLeft: Lock | null;
}

/**
 * Lock, publish the release, record as running, run the script, record the
 * outcome, release the lock: in that order, and the lock is released on every
 * path, including a failing script, a crash of shipit's own and Ctrl-C.
 */
export async function executeDeploy(store: StateStore, run: Execution): Promise<ExecutionResult> {
  const short = run.sha.slice(0, 7);
  await store.acquireLock(
    { kind: run.action, reason: `${run.action} of ${short} by ${run.user}` },
    { waitMs: run.lockWaitMs, signal: run.signal },
  );
  let lockLeft: Lock | null = null;
  let released = false;
  try {
    // Published before anything is recorded: a remote that refuses it leaves no trace of this deploy.
    if (run.releaseRef && run.sha !== run.candidate) {
      await publishReleaseRef(run.repoRoot, run.releaseRef.remote, run.releaseRef.ref, run.sha);
    }
    let record = await store.createRecord({
      action: run.action,
      sha: run.sha,
      candidate: run.candidate,
      ref: run.ref,
      previousSha: run.previousSha,
      excluded: run.excluded,
      forced: run.forced,
      skipped: run.skipped,
      user: run.user,
    });
    const excludedShas = record.excluded.map((entry) => entry.sha);

    const logFile = join(
      await git(['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: run.repoRoot }),
      'shipit',
      'logs',
      run.environment,
      `${record.id}.log`,
    );
    let outcome: ScriptOutcome;
    try {
      const mirror = await startGitHubMirror(
        run.setup,
        {
          repoRoot: run.repoRoot,
          sha: run.sha,
          environment: run.environment,
          description: `shipit ${run.action} #${record.id} by ${run.user}`,
          payload: {
            shipit: {
              id: record.id,
              action: run.action,
              candidate: run.candidate,
              excluded: excludedShas,
            },
          },
        },
        run.warn,
      );
      outcome = await runScript(run.script, {
        repoRoot: run.repoRoot,
        logFile,
        signal: run.signal,
        echo: run.echo,
        variables: {
          SHIPIT_ACTION: run.action,
          SHIPIT_ENVIRONMENT: run.environment,
          SHIPIT_SHA: run.sha,
          SHIPIT_PREVIOUS_SHA: run.previousSha ?? '',
          SHIPIT_DEPLOY_ID: String(record.id),
          SHIPIT_REF: run.ref,
          SHIPIT_EXCLUDED: excludedShas.join(' '),
          SHIPIT_USER: run.user,
        },
      });
      await mirror?.finish(
        outcome.status === 'success' ? 'success' : outcome.status === 'aborted' ? 'error' : 'failure',
        describeOutcome(outcome),
      );
    } catch (error) {
      // shipit itself failed before or around the script: the record must not stay "running".
      await store.updateRecord(record.id, { status: 'failure', message: describeError(error) }).catch(() => {});
      throw error;
    }

    record = await store.updateRecord(
      record.id,
      { status: outcome.status, exitCode: outcome.exitCode, message: describeOutcome(outcome) },
      { log: outcome.tail },
    );
    if (outcome.status === 'success' && run.lockAfterSuccess) {
      lockLeft = await store.replaceLock({ kind: 'manual', reason: run.lockAfterSuccess });
      released = true;
    }
    return { record, outcome, logFile, lockLeft };
  } finally {
    if (!released) {
      await store.releaseLock().catch((error: unknown) => {
        run.warn(
          `could not release the ${run.environment} lock: ${describeError(error)} (\`shipit unlock --force\` clears it)`,
        );
      });
    }
  }
}

function describeOutcome(outcome: ScriptOutcome): string {
  if (outcome.status === 'success') return 'the script exited 0';
  if (outcome.status === 'aborted') return 'interrupted; the script was stopped';
  if (outcome.timedOut) return 'the script timed out and was stopped';
  return outcome.exitCode === undefined ? 'the script could not run' : `the script exited ${outcome.exitCode}`;
}
