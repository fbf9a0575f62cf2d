import { ShipitError } from '../errors.js';
import { GitError, git } from '../git/git.js';

/** Every release ref lives here: shipit force-pushes it, so it must never name a branch people commit to. */
const RELEASE_NAMESPACE = 'refs/heads/shipit/';

/**
 * Why a release ref cannot be used, or null when it can. Only branches under
 * `shipit/` qualify: `main` would lose commits to the force-push, and a state
 * ref (refs/shipit/<env>/…) would lose the team's records.
 */
export function releaseRefProblem(ref: string): string | null {
  const full = ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
  if (full.startsWith('refs/shipit/')) return `${JSON.stringify(ref)} is where shipit keeps its deploy state`;
  if (!full.startsWith(RELEASE_NAMESPACE) || full.length === RELEASE_NAMESPACE.length) {
    return `expected a branch under shipit/ (e.g. "shipit/production/release"), got ${JSON.stringify(ref)}: shipit force-pushes it`;
  }
  // git check-ref-format's rules, so a bad name fails at config load and not mid-deploy.
  if (/(^|\/)\.|\.\.|[\s~^:?*[\\\x00-\x1f\x7f]|@\{|\/\/|\/$|\.lock(\/|$)|\.$/.test(full)) {
    return `${JSON.stringify(ref)} is not a valid git ref name`;
  }
  return null;
}

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
