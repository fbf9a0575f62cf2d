import { describeError } from '../errors.js';
import type { GitHubSetup } from '../github/client.js';
import { untilAborted } from './interrupt.js';

export interface Mirror {
  finish(state: 'success' | 'failure' | 'error', description: string): Promise<void>;
}

/** After Ctrl-C, how long the closing status may take: shipit exits within 2 s of an interrupt. */
const FINISH_AFTER_INTERRUPT_MS = 1000;

/**
 * Mirrors a deploy to GitHub's Deployments API so it shows in GitHub's UI. Best
 * effort: GitHub being down must not stop a deploy, so problems become warnings.
 * A hung request or a rate-limit wait never holds up Ctrl-C: the interrupted
 * error is thrown at once.
 */
export async function startGitHubMirror(
  setup: GitHubSetup,
  deploy: { repoRoot: string; sha: string; environment: string; description: string; payload: Record<string, unknown> },
  options: { warn(message: string): void; signal: AbortSignal },
): Promise<Mirror | null> {
  if (!setup.github) return null;
  const { warn, signal } = options;
  const start = async () => {
    const [{ getGitHub }, { createDeployment, setDeploymentStatus }] = await Promise.all([
      import('../github/client.js'),
      import('../github/deployments.js'),
    ]);
    const gh = await getGitHub(setup, { repoRoot: deploy.repoRoot, env: process.env, signal });
    const id = await createDeployment(gh, deploy);
    const logUrl = logUrlOf(setup, process.env);
    await setDeploymentStatus(gh, id, 'in_progress', { description: deploy.description, logUrl });
    return {
      id,
      finish: (state: 'success' | 'failure' | 'error', description: string) =>
        setDeploymentStatus(gh, id, state, { description, logUrl }),
    };
  };
  let started: Awaited<ReturnType<typeof start>>;
  try {
    started = await untilAborted(start(), signal, 'while creating the GitHub deployment: nothing was deployed');
  } catch (error) {
    if (signal.aborted) throw error;
    warn(`not mirrored to GitHub Deployments: ${describeError(error)}`);
    return null;
  }
  return {
    async finish(state, description) {
      try {
        const update = started.finish(state, description);
        if (!signal.aborted) await update;
        else await Promise.race([update, new Promise((done) => setTimeout(done, FINISH_AFTER_INTERRUPT_MS).unref())]);
      } catch (error) {
        warn(`could not update GitHub deployment ${started.id}: ${describeError(error)}`);
      }
    },
  };
}

/** `github.logUrl` from the config, else the GitHub Actions run that is deploying. */
export function logUrlOf(setup: GitHubSetup, env: NodeJS.ProcessEnv): string | undefined {
  if (setup.github?.logUrl) return setup.github.logUrl;
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
  if (GITHUB_SERVER_URL && GITHUB_REPOSITORY && GITHUB_RUN_ID) {
    return `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`;
  }
  return undefined;
}
