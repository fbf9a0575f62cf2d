import { listRemotes } from '../git/repo.js';
import { unknownRemoteError } from './state-errors.js';

/**
 * The remote that holds the state: the configured one, or null (state in this .git) when the
 * repository has no remote at all. A configured remote that is missing while others exist is
 * an error: quietly keeping the state locally would split the team's view of production.
 */
export async function resolveStateRemote(cwd: string, configured = 'origin'): Promise<string | null> {
  const remotes = await listRemotes(cwd);
  if (remotes.includes(configured)) return configured;
  if (remotes.length === 0) return null;
  throw unknownRemoteError(configured, remotes);
}
