import { releaseRefProblem } from '../config/schema.js';
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
  const problem = releaseRefProblem(ref);
  // The config is checked at load; this guards every other caller: nothing outside shipit/ is ever force-pushed.
  if (problem) throw new ShipitError('release-ref-invalid', `release.ref: ${problem}`);
  try {
    // --no-verify: a pre-push hook (tests, linters) is about the user's branches, not shipit's release ref.
    if (remote)
      await git(['push', '--quiet', '--no-verify', '--force', remote, `${sha}:${ref}`], { cwd, detached: true });
    else await git(['update-ref', ref, sha], { cwd });
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    throw new ShipitError('release-ref-rejected', `could not push the release commit to ${ref}: ${error.message}`, {
      hint: `allow pushes to ${ref} on ${remote ?? 'this repository'}, or set release.ref in the config; nothing was deployed`,
      cause: error,
    });
  }
}
