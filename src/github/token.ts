import { execa } from 'execa';
import { ShipitError } from '../errors.js';

const GH_TIMEOUT_MS = 3000;

export const noTokenError = () =>
  new ShipitError('github-no-token', 'no GitHub token: set GITHUB_TOKEN or run `gh auth login`', {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    hint: 'in GitHub Actions pass `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` to the step',
  });

/** GITHUB_TOKEN, then GH_TOKEN, then `gh auth token` when the gh CLI is installed and logged in. */
export async function findGitHubToken(env: NodeJS.ProcessEnv, host: string): Promise<string | null> {
  const fromEnv = env.GITHUB_TOKEN?.trim() || env.GH_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  const args = host === 'github.com' ? ['auth', 'token'] : ['auth', 'token', '--hostname', host];
  try {
    const result = await execa('gh', args, { env, reject: false, timeout: GH_TIMEOUT_MS, stdin: 'ignore' });
    const token = String(result.stdout).trim();
    return result.exitCode === 0 && token ? token : null;
  } catch {
    return null;
  }
}

/** The web host a token is for: github.com for the public API, else the Enterprise host. */
export function hostOfApi(baseUrl: string): string {
  const host = new URL(baseUrl).host;
  return host === 'api.github.com' ? 'github.com' : host;
}
