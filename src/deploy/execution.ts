import type { Commit } from '../gate/contract.js';
import type { GitHubSetup } from '../github/client.js';
import type { ExcludeSuggestion } from '../report/exclude-suggestion.js';
import type { RecordVerification } from '../state/record.js';
import type { DeployRecord, Lock, NewExclusion, RecordPatch } from '../state/store.js';
import type { ScriptConfig, ScriptOutcome } from './run-script.js';
import type { VerificationPlan } from './verify-settings.js';

// What a deploy or rollback runs with and ends with: the types `executeDeploy` and its helpers share.

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
  /** `deploy --from`: the other environment's deploy this one ships. */
  promotedFrom?: { environment: string; deployId: number };
  script: ScriptConfig;
  /** Where to publish a release commit before anything is recorded (only when sha !== candidate). */
  releaseRef?: { remote: string | null; ref: string };
  /** For a rollback: the lock to leave behind on success instead of releasing it. */
  lockAfterSuccess?: string;
  lockWaitMs?: number;
  /**
   * Called once the lock is held: what to run now, planned against the history as it is
   * under the lock (another deploy may have gone live meanwhile), or null when nothing is left to do.
   */
  recheck?: () => Promise<Execution | null>;
  /** Checks run again and again once the script succeeded (config `deploy.verify`); none for a rollback. */
  verification?: VerificationPlan;
  /** What runs around the script, in order (hooks, notifications, verification). */
  lifecycle?: readonly DeployLifecycle[];
  /** Secret values masked in the script's output (echo, log file, history). */
  secrets: readonly string[];
  setup: GitHubSetup;
  signal: AbortSignal;
  echo(chunk: Buffer): void;
  warn(message: string): void;
}

/** What a lifecycle step sees: the run, its record, and a way to add to the record. */
export interface LifecycleContext {
  run: Execution;
  record: DeployRecord;
  /**
   * Adds to the record for the whole team to see (e.g. a hook's result), with the end of the
   * log file as it is now; returns the record as written.
   */
  update(patch: RecordPatch): Promise<DeployRecord>;
  /** The deploy's log file: a step appends what it ran there, masked (the script's output goes between). */
  logFile: string;
}

/**
 * A step shipit runs around the script, under the lock. `beforeScript` runs once the
 * record says `running`: throwing stops the deploy (the record ends failed, or aborted
 * on Ctrl-C) and the script never starts. `afterScript` runs once the outcome is
 * recorded: its failure is a warning and never changes the outcome.
 */
export interface DeployLifecycle {
  beforeScript?(step: LifecycleContext): Promise<void>;
  afterScript?(step: LifecycleContext & { outcome: ScriptOutcome }): Promise<void>;
  /**
   * Runs instead of `afterScript` when the deploy stopped before or around its script (a
   * `beforeScript` step threw, Ctrl-C, shipit's own failure), once the record says how it
   * ended: a failure is a warning.
   */
  afterStop?(step: LifecycleContext): Promise<void>;
  /**
   * Runs once the lock is released (or left in place on purpose), on every path once the lock
   * was taken: for waiting that must not keep the rest of the team from deploying, such as
   * notifications still on their way. A failure is a warning.
   */
  afterUnlock?(run: Execution): Promise<void>;
  /** What the step would do, one line each, for `--dry-run`. */
  describe?(run: Execution): string[];
}

export interface ExecutionResult {
  record: DeployRecord;
  outcome: ScriptOutcome;
  logFile: string;
  /** The lock left in place (a rollback's, a faulty release's), if any. */
  lockLeft: Lock | null;
  /** The verification window's outcome, when the deploy had one. */
  verification?: VerificationOutcome;
}

export interface VerificationOutcome {
  verdict: NonNullable<RecordVerification['verdict']>;
  /** The deploy's record as the window left it: success or faulty. */
  record: DeployRecord;
  /** The automatic rollback, when one was run. */
  rollback?: ExecutionResult;
  /** Why the environment stays locked (a faulty release under onFailure rollback or lock), if it does. */
  lockReason?: string;
  /** Where the rollback went, when one was tried. */
  target?: string;
  /** The one new commit the faulty release shipped, when it shipped only one: the culprit. */
  culprit?: Commit;
  /** The deploy that ships the rest without the culprit (none when nothing else is waiting yet). */
  suggestion?: ExcludeSuggestion;
  /** What went wrong on the way out (no rollback target, a rollback that failed), said loudly. */
  problem?: string;
}
