import type { DeployLifecycle, Execution, LifecycleContext } from '../deploy/execute.js';
import { throwIfAborted } from '../deploy/interrupt.js';
import { ShipitError } from '../errors.js';
import { secretValues } from '../secrets/mask.js';
import type { DeployRecord, HookResult } from '../state/record.js';
import { HOOK_NAMES, type HookName, type HookOutcome } from './hook-env.js';
import { openHookLog } from './hook-log.js';
import { runHook } from './run-hook.js';
import { describeHookRun, type HooksConfig, hookSpecs } from './schema.js';

export interface HooksStepOptions {
  /** The config's `secrets`: names whose values are masked besides *TOKEN*, *SECRET*… */
  secretNames: readonly string[];
  /** A line for people (stderr in --json mode): which hook starts. */
  info(text: string): void;
}

/**
 * The config's `hooks` as a lifecycle step (docs/hooks.md). `beforeDeploy` runs for deploys
 * only (a rollback is the way out of a bad deploy: nothing should stand in its way) and a
 * failure stops the deploy before its script; the other hooks run after the outcome is
 * recorded, and their failures are warnings. Every hook that ran is added to the record.
 */
export function hooksStep(config: HooksConfig | undefined, options: HooksStepOptions): DeployLifecycle | null {
  if (!config || HOOK_NAMES.every((name) => hookSpecs(config, name).length === 0)) return null;

  const hookSecrets = (run: Execution, spec: { env?: Record<string, string> }) => [
    ...run.secrets,
    ...secretValues(spec.env ?? {}, options.secretNames),
  ];

  const runAll = async (name: HookName, outcome: HookOutcome, step: LifecycleContext, stopOnFailure: boolean) => {
    const { run } = step;
    const results: HookResult[] = [];
    for (const spec of hookSpecs(config, name)) {
      const what = describeHookRun(spec.run);
      options.info(`→ ${name} hook: ${what}`);
      const secrets = hookSecrets(run, spec);
      // Shown and kept alike: the deploy's log file holds each hook's output, as it holds the script's.
      const log = await openHookLog(step.logFile, name, what, secrets);
      const result = await runHook(
        spec,
        { hook: name, run, record: step.record, outcome },
        {
          repoRoot: run.repoRoot,
          // An interrupted deploy still gets its after hooks; a second Ctrl-C exits and the watchdog stops them.
          signal: outcome === 'aborted' ? undefined : run.signal,
          killGraceMs: run.script.killGrace,
          secrets,
          echo(chunk) {
            run.echo(chunk);
            log.write(chunk);
          },
        },
      );
      await log.close(result);
      results.push(result);
      if (result.status !== 'success' && stopOnFailure) break;
    }
    return results;
  };

  /** Adds what ran to the record, after what ran before (a deploy's beforeDeploy hooks). */
  const addToRecord = (step: LifecycleContext, results: HookResult[]) =>
    results.length ? step.update({ hooks: [...(step.record.hooks ?? []), ...results] }) : undefined;

  return {
    async beforeScript(step) {
      if (step.run.action !== 'deploy') return;
      const results = await runAll('beforeDeploy', 'running', step, true);
      const failed = results.find((result) => result.status !== 'success');
      if (!failed) {
        await addToRecord(step, results);
        return;
      }
      const interrupted = failed.status === 'aborted';
      const message = `the beforeDeploy hook ${describeFailure(failed)}`;
      // The deploy failed: its onFailure hooks run as after a failing script, then the record says why.
      const failedRecord: DeployRecord = { ...step.record, message };
      const after = await runAll(
        'onFailure',
        interrupted ? 'aborted' : 'failure',
        { ...step, record: failedRecord },
        false,
      );
      warnFailures(step.run, step.record.id, after);
      await addToRecord(step, [...results, ...after]);
      throwIfAborted(step.run.signal, 'during the beforeDeploy hook: the deploy script did not run');
      throw new ShipitError('hook-failed', `${message}; the deploy script did not run`);
    },

    async afterScript(step) {
      const { outcome, run } = step;
      // A script that succeeded but whose release failed its verification window is a failure too.
      const status = step.record.status === 'faulty' ? 'faulty' : outcome.status;
      const name: HookName =
        status !== 'success' ? 'onFailure' : run.action === 'deploy' ? 'afterDeploy' : 'afterRollback';
      const results = await runAll(name, status, step, false);
      warnFailures(run, step.record.id, results);
      await addToRecord(step, results);
    },

    describe(run) {
      const names: HookName[] =
        run.action === 'deploy' ? ['beforeDeploy', 'afterDeploy', 'onFailure'] : ['afterRollback', 'onFailure'];
      return names.flatMap((name) =>
        hookSpecs(config, name).map((spec) => `would run the ${name} hook: ${describeHookRun(spec.run)}`),
      );
    },
  };
}

/** An after hook's failure is one warning line: the deploy's outcome and exit code stand. */
function warnFailures(run: Execution, id: number, results: HookResult[]): void {
  for (const result of results) {
    if (result.status === 'success') continue;
    run.warn(
      `the ${result.name} hook ${describeFailure(result)}; recorded on #${id}, the ${run.action}'s outcome stands`,
    );
  }
}

function describeFailure(result: HookResult): string {
  return result.message ? `failed (${result.message})` : 'failed';
}
