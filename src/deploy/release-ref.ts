import { ShipitError } from '../errors.js';
import { GitError, git } from '../git/git.js';

/** `refs/heads/shipit/<env>/release` unless the config names another (`release.ref`). */
export function releaseRefName(environment: string, configured?: string): string {
  const name = configured ?? `shipit/${environment}/release`;
  return name.startsWith('refs/') ? name : `refs/heads/${name}`;
}

/**
 * Publishes the release commit before the deploy script runs, so pipelines
 * that build from git can fetch it. It moves with every excluding deploy.
 */
export async function publishReleaseRef(cwd: string, remote: string | null, ref: string, sha: string): Promise<void> {
  try {
    if (remote) await git(['push', '--quiet', '--force', remote, `${sha}:${ref}`], { cwd });
    else await git(['update-ref', ref, sha], { cwd });
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    throw new ShipitError('release-ref-rejected', `could not push the release commit to ${ref}: ${error.message}`, {
      hint: `allow pushes to ${ref} on ${remote ?? 'this repository'}, or set release.ref in the config; nothing was deployed`,
      cause: error,
    });
  }
}
