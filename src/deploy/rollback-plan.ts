import type { DeployRecord } from '../state/store.js';
import { shortSha } from '../text/sha.js';
import type { Execution } from './execution.js';
import type { RollbackTarget } from './rollback-target.js';
import type { ScriptConfig } from './run-script.js';

/** What a run shares whatever it deploys: who, where, the terminal, Ctrl-C, the lifecycle steps. */
type RunBasics = Omit<
  Execution,
  | 'action'
  | 'sha'
  | 'candidate'
  | 'ref'
  | 'previousSha'
  | 'excluded'
  | 'forced'
  | 'skipped'
  | 'releaseRef'
  | 'lockAfterSuccess'
  | 'recheck'
  | 'verification'
>;

/** The script a rollback runs: `rollback.run` over the deploy script's settings, else `deploy.run`; null without one. */
export function rollbackScript(
  deploy: ScriptConfig | undefined,
  rollback: (Partial<ScriptConfig> & { lock?: boolean }) | undefined,
): ScriptConfig | null {
  if (!deploy) return null;
  if (!rollback?.run) return deploy;
  const { lock: _lock, ...settings } = rollback;
  return { ...deploy, ...settings, run: rollback.run };
}

/** The rollback from `current` to `target`: what `shipit rollback` and an automatic rollback both run. */
export function rollbackExecution(
  basics: RunBasics,
  current: DeployRecord,
  target: RollbackTarget,
  lockAfterSuccess: string | undefined,
): Execution {
  return {
    ...basics,
    action: 'rollback',
    sha: target.sha,
    // The target's own candidate, so the next deploy's batch and standing exclusions follow it.
    candidate: target.record?.candidate ?? target.sha,
    ref: `rollback to #${target.record?.id ?? shortSha(target.sha)}`,
    previousSha: current.sha,
    excluded: target.record?.excluded ?? [],
    forced: target.record
      ? undefined
      : { reason: `rollback to ${shortSha(target.sha)}, never deployed`, ignoredChecks: [] },
    lockAfterSuccess,
  };
}
