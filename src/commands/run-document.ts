import type { Output } from '../cli/output.js';
import { scriptEnv, scriptVariables } from '../context/script-env.js';
import type { Execution, ExecutionResult } from '../deploy/execute.js';
import type { DeployPlan } from '../deploy/plan.js';
import type { Commit } from '../gate/contract.js';
import { batchJson, liveJson } from '../report/json-shapes.js';
import { maskStrings } from '../secrets/mask.js';
import type { DeployRecord } from '../state/store.js';
import { lockJson } from './lock.js';

/**
 * What a deploy or rollback learnt on its way, for its one `--json` document
 * (docs/schemas/deploy.schema.json). The commands' print functions fill it in
 * (deploy-output.ts), so the document says what the text said.
 */
interface RunFacts {
  action: 'deploy' | 'rollback';
  environment?: string;
  candidate?: { sha: string; ref: string };
  release?: string;
  live?: DeployRecord | null;
  batch?: { commits: readonly Commit[]; excluded: readonly { sha: string }[] };
  /** The gate report, as `check --json` prints it. */
  gate?: unknown;
  dryRun?: Execution;
  result?: ExecutionResult;
}

const runs = new WeakMap<Output, RunFacts>();

/** Tells the run's document (if the command runs with --json) what just happened. */
export function noteRun(output: Output, facts: Partial<RunFacts>): void {
  const run = runs.get(output);
  if (run) Object.assign(run, facts);
}

/** The facts of a deploy plan, as the document states them. */
export function planFacts(plan: DeployPlan): Partial<RunFacts> {
  return {
    environment: plan.context.environment,
    candidate: plan.context.candidate,
    release: plan.target,
    live: plan.live,
    batch: { commits: plan.shipping, excluded: plan.exclusions.map((exclusion) => exclusion.commit) },
  };
}

/**
 * Runs a deploy or rollback; with --json, stdout then carries one document and nothing else:
 * the gate report goes inside it, the human lines and the script's output go to stderr.
 * An error thrown is the error document (src/cli/errors.ts) instead: never two documents.
 */
export async function withRunDocument(
  action: RunFacts['action'],
  output: Output,
  run: (output: Output) => Promise<number>,
): Promise<number> {
  if (!output.json) return run(output);
  const facts: RunFacts = { action };
  const toStderr = (text = '') => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  const inner: Output = {
    ...output,
    print: toStderr,
    info: toStderr,
    printJson: (value) => {
      facts.gate = value;
    },
  };
  runs.set(inner, facts);
  const exitCode = await run(inner);
  output.printJson(runDocument(facts, exitCode));
  return exitCode;
}

type Outcome = 'success' | 'failure' | 'aborted' | 'blocked' | 'cancelled' | 'up-to-date' | 'dry-run';

function outcomeOf(facts: RunFacts, exitCode: number): Outcome {
  if (facts.result) return facts.result.outcome.status;
  if (facts.dryRun) return 'dry-run';
  // Exit 0 with nothing run and nothing planned to run: the environment already runs the release.
  if (exitCode === 0) return 'up-to-date';
  const gate = facts.gate as { ok?: boolean; forced?: unknown } | undefined;
  return gate && !gate.ok && !gate.forced ? 'blocked' : 'cancelled';
}

function runDocument(facts: RunFacts, exitCode: number) {
  const { result } = facts;
  const outcome = outcomeOf(facts, exitCode);
  const upToDate = outcome === 'up-to-date';
  return {
    ok: exitCode === 0,
    environment: facts.environment ?? '',
    action: facts.action,
    outcome,
    exitCode,
    candidate: facts.candidate ?? null,
    release: facts.release ?? null,
    live: liveJson(facts.live ?? null),
    batch: batchJson(upToDate ? [] : (facts.batch?.commits ?? []), upToDate ? [] : (facts.batch?.excluded ?? [])),
    gate: facts.gate ?? null,
    record: result?.record ?? null,
    logFile: result?.logFile ?? null,
    lockLeft: result?.lockLeft ? lockJson(result.lockLeft) : null,
    dryRun: facts.dryRun ? dryRunJson(facts.dryRun) : null,
  };
}

/** What a dry run would do: the script, where, with which variables (secret values masked). */
function dryRunJson(run: Execution) {
  return maskStrings(
    {
      command: run.script.run,
      shell: !Array.isArray(run.script.run),
      cwd: run.script.cwd ?? '.',
      timeoutMs: run.script.timeout,
      releaseRef: run.releaseRef?.ref ?? null,
      env: scriptEnv(run.script.env, scriptVariables(run, '')),
      previousSha: run.previousSha,
      excluded: run.excluded.map((exclusion) => exclusion.sha),
      forced: run.forced ?? null,
      skipped: run.skipped ?? null,
    },
    run.secrets,
  );
}
