/**
 * The one home of the `SHIPIT_*` variables: what the team's deploy or rollback
 * script receives, what `--dry-run` prints it would receive, and the part the
 * checks' commands see. Built from the same facts in every case, so the three
 * cannot drift apart.
 */

/** What a check's command learns about the commit it judges. */
interface CommitVariables {
  SHIPIT_ENVIRONMENT: string;
  SHIPIT_SHA: string;
  SHIPIT_REF: string;
  SHIPIT_PREVIOUS_SHA: string;
}

export type ScriptVariables = CommitVariables & {
  SHIPIT_ACTION: 'deploy' | 'rollback';
  SHIPIT_DEPLOY_ID: string;
  SHIPIT_EXCLUDED: string;
  SHIPIT_USER: string;
};

interface CommitFacts {
  environment: string;
  /** The commit that goes live (or is judged): the release commit when commits are excluded. */
  sha: string;
  /** Where the candidate came from, e.g. `origin/main`. */
  ref: string;
  /** What is live now; null before the first deploy. */
  previousSha: string | null;
}

interface ScriptFacts extends CommitFacts {
  action: 'deploy' | 'rollback';
  /** The commits held back from this release. */
  excluded: readonly { sha: string }[];
  user: string;
}

export function commitVariables(facts: CommitFacts): CommitVariables {
  return {
    SHIPIT_ENVIRONMENT: facts.environment,
    SHIPIT_SHA: facts.sha,
    SHIPIT_REF: facts.ref,
    SHIPIT_PREVIOUS_SHA: facts.previousSha ?? '',
  };
}

/** `deployId` is the record's id once there is one (a dry run shows what stands in for it). */
export function scriptVariables(facts: ScriptFacts, deployId: string): ScriptVariables {
  const commit = commitVariables(facts);
  // In the order docs/deploy.md's table and the dry run list them.
  return {
    SHIPIT_ACTION: facts.action,
    SHIPIT_ENVIRONMENT: commit.SHIPIT_ENVIRONMENT,
    SHIPIT_SHA: commit.SHIPIT_SHA,
    SHIPIT_PREVIOUS_SHA: commit.SHIPIT_PREVIOUS_SHA,
    SHIPIT_DEPLOY_ID: deployId,
    SHIPIT_REF: commit.SHIPIT_REF,
    SHIPIT_EXCLUDED: facts.excluded.map((entry) => entry.sha).join(' '),
    SHIPIT_USER: facts.user,
  };
}

/**
 * What shipit sets on top of its own environment for the script: the config's
 * `env`, then the `SHIPIT_*` variables, which a config cannot override.
 */
export function scriptEnv(configured: Readonly<Record<string, string>> | undefined, variables: ScriptVariables) {
  return { ...configured, ...variables };
}
