import type { GitHub } from './client.js';

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

/** Mirrors a shipit deploy as a GitHub deployment; returns its id. */
export async function createDeployment(
  gh: GitHub,
  deployment: { sha: string; environment: string; description?: string; payload?: Record<string, unknown> },
): Promise<number> {
  return gh.call(async () => {
    const response = await gh.octokit.rest.repos.createDeployment({
      owner: gh.owner,
      repo: gh.repo,
      ref: deployment.sha,
      environment: deployment.environment,
      description: deployment.description,
      payload: deployment.payload ?? {},
      // shipit's own gate already decided: GitHub must neither merge nor re-check.
      auto_merge: false,
      required_contexts: [],
    });
    if (!('id' in response.data))
      throw new Error(`GitHub did not create the deployment: ${response.data.message ?? 'no reason given'}`);
    return Number(response.data.id);
  });
}

export async function setDeploymentStatus(
  gh: GitHub,
  id: number,
  state: DeploymentState,
  options: { logUrl?: string; description?: string } = {},
): Promise<void> {
  await gh.call(
    () =>
      gh.octokit.rest.repos.createDeploymentStatus({
        owner: gh.owner,
        repo: gh.repo,
        deployment_id: id,
        state,
        log_url: options.logUrl,
        description: options.description,
      }),
    { notFound: `deployment ${id}` },
  );
}
