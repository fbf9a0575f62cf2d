import { setTimeout as sleep } from 'node:timers/promises';
import { autoActor } from '../auto/decision.js';
import { faultyScanCache } from '../auto/faulty-commits.js';
import type { Output } from '../cli/output.js';
import { catchInterrupts } from '../deploy/interrupt.js';
import { describeError, ExitCode, isShipitError, ShipitError } from '../errors.js';
import { currentUser } from '../state/store.js';
import { parseDuration } from '../time/duration.js';
import { autoDocument, printRound } from './auto-output.js';
import { type AutoRound, type AutoSetup, autoRound } from './auto-round.js';
import { type GlobalOptions, loadProject, openProjectStore } from './project.js';
import { assertGateHasChecks, selectChecks } from './select-checks.js';

export interface AutoOptions extends GlobalOptions {
  once?: boolean;
  interval?: string;
  json?: boolean;
}

const MIN_INTERVAL_MS = 1000;

/**
 * `shipit auto`: deploys the branch when every rule says yes, once (`--once`, the default:
 * for a scheduled CI job) or every `--interval` until Ctrl-C or SIGTERM. A round that does
 * not deploy is no error: exit 0. A deploy that fails: 3 (130 interrupted).
 */
export async function autoCommand(options: AutoOptions, output: Output): Promise<number> {
  const intervalMs = parseInterval(options);
  const project = await loadProject(options);
  const script = project.config.deploy;
  if (!script) {
    throw new ShipitError('no-deploy-script', `${project.label}: no deploy.run is configured, so auto cannot deploy`, {
      hint: "add deploy: { run: './scripts/deploy.sh' } (a command string run by sh, or an argv array)",
    });
  }
  const { checks } = selectChecks(project.checks, 'deploy', {});
  // Nobody watches an automatic deploy: one that no check guards is refused, not run ungated.
  assertGateHasChecks(project.checks, checks, 'deploy', 'shipit auto');
  const interrupt = catchInterrupts(() => output.info('\nInterrupted: stopping…'));
  try {
    const actor = autoActor(process.env, await currentUser(project.repoRoot));
    const store = await openProjectStore(project, actor);
    // Made once: the config, the repository, the store and the checks do not change between rounds.
    const setup: AutoSetup = {
      project,
      store,
      actor,
      script,
      checks,
      interrupt,
      faultyCache: faultyScanCache(),
      branch: project.config.branch,
    };
    for (;;) {
      const started = performance.now();
      const round = await roundOrError(setup, output, intervalMs !== null);
      const at = new Date().toISOString();
      const durationMs = Math.round(performance.now() - started);
      if (output.json) output.printJson(autoDocument(round, { environment: project.environment, at, durationMs }));
      else printRound(round, at, output);
      if (intervalMs === null || round.exitCode === ExitCode.interrupted) return round.exitCode;
      const stopped = await sleep(intervalMs, false, { signal: interrupt.signal }).catch(() => true);
      if (stopped) {
        output.info('auto stopped between rounds: nothing was running.');
        return ExitCode.ok;
      }
    }
  } finally {
    interrupt.dispose();
  }
}

/**
 * In a loop, a round that fails (the remote unreachable for a minute) is reported and the
 * next round tries again; with --once the error is the answer. Ctrl-C always ends it.
 */
async function roundOrError(setup: AutoSetup, output: Output, looping: boolean): Promise<AutoRound> {
  try {
    return await autoRound(setup, output);
  } catch (error) {
    if (!looping || (isShipitError(error) && error.code === 'interrupted')) throw error;
    const exitCode = isShipitError(error) ? error.exitCode : ExitCode.failed;
    const message = `no deploy: ${describeError(error)}`;
    return { reason: 'error', message, plan: null, lock: null, faulty: [], gate: null, deploy: null, exitCode };
  }
}

/** null: one round. */
function parseInterval(options: AutoOptions): number | null {
  if (options.interval === undefined) return null;
  if (options.once) {
    throw new ShipitError('auto-once-and-interval', '--once and --interval: choose one', {
      hint: '--once runs one round (for a schedule), --interval 5m runs one every 5 minutes until stopped',
    });
  }
  const ms = parseDuration(options.interval);
  if (ms === null || ms < MIN_INTERVAL_MS) {
    throw new ShipitError(
      'bad-interval',
      `--interval ${options.interval}: expected a duration of 1s or more, like "5m"`,
    );
  }
  return ms;
}
