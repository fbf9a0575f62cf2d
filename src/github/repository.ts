import { ShipitError } from '../errors.js';
import { runGit } from '../git/git.js';
import { redactCredentials } from '../secrets/mask.js';

export interface RepositoryName {
  owner: string;
  repo: string;
}

const OWNER_REPO = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/;

/** "owner/repo" as written in config or GITHUB_REPOSITORY. */
function parseRepositoryName(text: string, where: string): RepositoryName {
  const match = OWNER_REPO.exec(text.trim());
  if (!match) {
    throw new ShipitError('github-repository-invalid', `${where}: expected "owner/repo", got ${JSON.stringify(text)}`, {
      hint: 'write it like "acme/shop"',
    });
  }
  return { owner: match[1] as string, repo: match[2] as string };
}

/**
 * owner/repo from a remote URL: `git@host:o/r.git`, `ssh://git@host[:port]/o/r`,
 * `https://host/o/r(.git)`, on github.com or an Enterprise host. Null when the
 * URL is not one of those shapes.
 */
export function repositoryFromRemoteUrl(url: string): RepositoryName | null {
  const scp = /^[\w.-]+@[\w.-]+:(?!\/)(.+)$/.exec(url.trim());
  let path: string | undefined = scp?.[1];
  if (!path) {
    try {
      const parsed = new URL(url.trim());
      if (!['https:', 'http:', 'ssh:', 'git:'].includes(parsed.protocol) || !parsed.hostname) return null;
      path = parsed.pathname.replace(/^\/+/, '');
    } catch {
      return null;
    }
  }
  const match = OWNER_REPO.exec(path);
  return match ? { owner: match[1] as string, repo: match[2] as string } : null;
}

/** The repository from config, else GITHUB_REPOSITORY, else the git remote's URL. */
export async function resolveRepository(
  configured: string | undefined,
  env: NodeJS.ProcessEnv,
  repoRoot: string,
  remote: string,
): Promise<RepositoryName> {
  if (configured) return parseRepositoryName(configured, 'config github.repository');
  if (env.GITHUB_REPOSITORY) return parseRepositoryName(env.GITHUB_REPOSITORY, 'GITHUB_REPOSITORY');
  const result = await runGit(['remote', 'get-url', remote], { cwd: repoRoot, okExitCodes: [2, 128] });
  const url = result.stdout.trim();
  if (result.exitCode !== 0 || !url) {
    throw new ShipitError(
      'github-repository-unknown',
      `cannot tell the GitHub repository: git remote "${remote}" does not exist`,
    );
  }
  const found = repositoryFromRemoteUrl(url);
  if (!found) {
    throw new ShipitError(
      'github-repository-unknown',
      `cannot tell the GitHub repository from remote "${remote}" URL ${JSON.stringify(redactCredentials(url))}`,
    );
  }
  return found;
}
