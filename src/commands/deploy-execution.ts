import type { Execution } from '../deploy/execute.js';
import type { DeployPlan } from '../deploy/plan.js';
import { releaseRefName } from '../deploy/release-ref.js';
import type { executionBasics } from './execution-basics.js';

interface DeployExecutionOptions {
  basics: ReturnType<typeof executionBasics>;
  /** Where the candidate came from, as the first plan named it. */
  ref: string;
  forced: Execution['forced'];
  skipped: Execution['skipped'];
  /** The config's `release.ref`, if set. */
  releaseRef: string | undefined;
  promotedFrom?: Execution['promotedFrom'];
}

/** What a planned deploy runs: the same object the dry run prints and `executeDeploy` carries out. */
export function deployExecution(plan: DeployPlan, options: DeployExecutionOptions): Execution {
  const { basics } = options;
  const releaseRef =
    plan.target !== plan.context.candidate.sha ? releaseRefName(basics.environment, options.releaseRef) : undefined;
  return {
    ...basics,
    action: 'deploy',
    sha: plan.target,
    candidate: plan.context.candidate.sha,
    ref: options.ref,
    previousSha: plan.live?.sha ?? null,
    excluded: plan.exclusions.map((exclusion) => exclusion.record),
    forced: options.forced,
    skipped: options.skipped,
    ...(options.promotedFrom ? { promotedFrom: options.promotedFrom } : {}),
    releaseRef: releaseRef ? { remote: plan.context.remote, ref: releaseRef } : undefined,
  };
}
