import { type ScriptVariables, scriptVariables } from '../context/script-env.js';
import type { Execution } from '../deploy/execute.js';
import type { DeployRecord } from '../state/record.js';

/** When each hook runs (docs/hooks.md): before a deploy's script, or after a deploy or rollback has its outcome. */
export const HOOK_NAMES = ['beforeDeploy', 'afterDeploy', 'onFailure', 'afterRollback'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

/** `running` while the script has yet to run (beforeDeploy); the deploy's outcome after it. */
export type HookOutcome = 'running' | 'success' | 'failure' | 'aborted' | 'faulty';

/**
 * What a hook's command receives: the deploy script's `SHIPIT_*` variables (built by
 * context/script-env.ts, so the two never drift apart), then which hook runs and how the
 * deploy went. Every name is always set, empty when it has no value yet, so `set -u` scripts work.
 */
export type HookVariables = ScriptVariables & {
  SHIPIT_HOOK: HookName;
  SHIPIT_OUTCOME: HookOutcome;
  /** The script's exit code; empty before it ran or when it had none (killed, could not start). */
  SHIPIT_EXIT_CODE: string;
  /** The record's one-line message, e.g. "the script exited 1"; empty before the script ran. */
  SHIPIT_MESSAGE: string;
};

/** What an inline function hook receives: the same facts as the variables, and a signal for its timeout and Ctrl-C. */
export interface HookContext {
  hook: HookName;
  action: 'deploy' | 'rollback';
  environment: string;
  sha: string;
  previousSha: string | null;
  deployId: number;
  ref: string;
  excluded: string[];
  user: string;
  outcome: HookOutcome;
  exitCode: number | undefined;
  message: string | undefined;
  /** The very variables a command hook gets. */
  variables: HookVariables;
  /** Aborted when the hook times out or shipit is interrupted: stop then, shipit no longer waits. */
  signal: AbortSignal;
  /**
   * Prints one line (or several) with the deploy's output and keeps it in the deploy's log file,
   * secrets masked, as a command hook's output is; ignored once shipit stopped waiting for the hook.
   */
  log(text: string): void;
}

export interface HookFacts {
  hook: HookName;
  run: Execution;
  record: DeployRecord;
  outcome: HookOutcome;
}

export function hookVariables(facts: HookFacts): HookVariables {
  const { record } = facts;
  return {
    ...scriptVariables(facts.run, String(record.id)),
    SHIPIT_HOOK: facts.hook,
    SHIPIT_OUTCOME: facts.outcome,
    SHIPIT_EXIT_CODE: facts.outcome === 'running' ? '' : String(record.exitCode ?? ''),
    SHIPIT_MESSAGE: facts.outcome === 'running' ? '' : (record.message ?? ''),
  };
}

export function hookContext(facts: HookFacts, signal: AbortSignal, log: (text: string) => void): HookContext {
  const { run, record } = facts;
  const running = facts.outcome === 'running';
  return {
    hook: facts.hook,
    action: run.action,
    environment: run.environment,
    sha: run.sha,
    previousSha: run.previousSha,
    deployId: record.id,
    ref: run.ref,
    excluded: run.excluded.map((entry) => entry.sha),
    user: run.user,
    outcome: facts.outcome,
    exitCode: running ? undefined : record.exitCode,
    message: running ? undefined : record.message,
    variables: hookVariables(facts),
    signal,
    log,
  };
}
