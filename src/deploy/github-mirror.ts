import type { BuiltinSetup } from '../checks/define.js';
import { describeError } from '../errors.js';

export interface Mirror {
  finish(state: 'success' | 'failure' | 'error', description: string): Promise<void>;
}

/**
 * Mirrors a deploy to GitHub's Deployments API so it shows in GitHub's UI. Best
 * effort: GitHub being down must not stop a deploy, so problems become warnings.
 */
export async function startGitHubMirror(
  setup: BuiltinSetup,
  deploy: { repoRoot: string; sha: string; environment: string; description: string; payload: Record<string, unknown> },
  warn: (message: string) => void,
): Promise<Mirror | null> {
  if (!setup.github) return null;
  try {
    const [{ getGitHub }, { createDeployment, setDeploymentStatus }] = await Promise.all([
      import('../github/client.js'),
      import('../github/deployments.js'),
    ]);
    const gh = await getGitHub(setup, { repoRoot: deploy.repoRoot, env: process.env });
    const id = await createDeployment(gh, deploy);
    const logUrl = logUrlOf(setup, process.env);
    await setDeploymentStatus(gh, id, 'in_progress', { description: deploy.description, logUrl });
    return {
      async finish(state, description) {
        try {
          await setDeploymentStatus(gh, id, state, { description, logUrl });
        } catch (error) {
          warn(`could not update GitHub deployment ${id}: ${describeError(error)}`);
        }
      },
    };
  } catch (error) {
    warn(`not mirrored to GitHub Deployments: ${describeError(error)}`);
    return null;
  }
}

/** `github.logUrl` from the config, else the GitHub Actions run that is deploying. */
function logUrlOf(setup: BuiltinSetup, env: NodeJS.ProcessEnv): string | undefined {
  if (setup.github?.logUrl) return setup.github.logUrl;
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  if (GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID) {
    return `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`;
  }
  return undefined;
}
