import type { Output } from '../cli/output.js';
import { type Execution, type ExecutionResult, executeDeploy } from '../deploy/execute.js';
import type { DeployPlan } from '../deploy/plan.js';
import { ShipitError } from '../errors.js';
import type { StateStore } from '../state/store.js';
import { shortSha } from '../text/sha.js';
import { type DeployGateOptions, mayGoAhead, runDeployGate } from './deploy-gate.js';
import { printPlan } from './deploy-output.js';

/** A deploy whose plan passed its gate: what `deploy` and `auto` both hand to the lock and the script. */
export interface GatedDeploy {
  store: StateStore;
  environment: string;
  plan: DeployPlan;
  /** Plans again, pinned to the candidate the first plan chose. */
  makePlan(pinned: string): Promise<DeployPlan>;
  gateOptions: DeployGateOptions;
  executionOf(plan: DeployPlan, forced: Execution['forced']): Execution;
  /** The execution of `plan` as gated. */
  planned: Execution;
}

/**
 * Takes the lock and runs the deploy. The plan and the gate were made before the lock:
 * if a deploy went live meanwhile (--lock-wait, or a race), plan again from it and gate
 * again, or an older commit would go out over a newer one. Null: nothing was left to do.
 */
export function executeGatedDeploy(flow: GatedDeploy, output: Output): Promise<ExecutionResult | null> {
  const { store, environment } = flow;
  let plan = flow.plan;
  return executeDeploy(store, {
    ...flow.planned,
    async recheck() {
      await store.refresh();
      const live = await store.lastSuccessful();
      if (live?.id === plan.live?.id) return flow.planned;
      output.info(
        `${environment} changed while this deploy waited (now #${live?.id} ${shortSha(live?.sha ?? '')}): planning and gating again`,
      );
      plan = await flow.makePlan(plan.context.candidate.sha);
      printPlan(plan, output);
      if (plan.upToDate) return null;
      const again = await runDeployGate(plan, flow.gateOptions, output);
      if (!mayGoAhead(again)) throw gateBlockedAfterWaitError(environment, again.failing);
      return flow.executionOf(plan, again.forced);
    },
  });
}

function gateBlockedAfterWaitError(environment: string, failing: string[]): ShipitError {
  return new ShipitError(
    'gate-blocked',
    `the gate is blocked (${failing.join(', ')}) for what ${environment} runs now, after waiting for the lock`,
    {
      hint: 'nothing was deployed; fix the failing checks, or deploy anyway with --force --reason "<why>"',
    },
  );
}
