import { listLocalRefs, listRemoteRefs, type RefList } from '../git/ref-lists.js';

/** This clone holds what the remote has: nothing to fetch. */
export interface InStep {
  /** The branch's tip, here and on the remote. */
  branchTip: string;
  /** The environment's state refs and their objects, as one comparable string. */
  stateKey: string;
  /** Every ref the remote answered (state and branch), as one comparable string. */
  remoteKey: string;
}

interface Where {
  remote: string;
  environment: string;
  branch: string;
}

/**
 * Asks the remote for its state refs (the lock, the history) and the branch. Null when anything
 * moved or the remote could not be asked: the caller fetches, as it would without this look.
 * Against `known` (what an earlier look of this process found in step), the remote's answer
 * alone settles it: the same answer, the same refs, and this clone held them then. Without it,
 * ours are listed side by side with the remote's, and equal means a fetch would bring nothing.
 */
export async function compareWithRemote(cwd: string, where: Where, known?: InStep): Promise<InStep | null> {
  const state = `refs/shipit/${where.environment}/`;
  const theirBranch = `refs/heads/${where.branch}`;
  const ourBranch = `refs/remotes/${where.remote}/${where.branch}`;
  const asking = listRemoteRefs(cwd, where.remote, [state, theirBranch]);
  if (known) {
    const theirs = await asking;
    return theirs && keyOf(theirs, '') === known.remoteKey ? known : null;
  }
  const [theirs, ours] = await Promise.all([asking, listLocalRefs(cwd, [state, ourBranch])]);
  const branchTip = ours.get(ourBranch);
  if (!theirs || !branchTip || theirs.get(theirBranch) !== branchTip) return null;
  const stateKey = keyOf(theirs, state);
  return stateKey === keyOf(ours, state) ? { branchTip, stateKey, remoteKey: keyOf(theirs, '') } : null;
}

function keyOf(refs: RefList, prefix: string): string {
  return [...refs]
    .filter(([name]) => name.startsWith(prefix))
    .map(([name, sha]) => `${name} ${sha}`)
    .sort()
    .join('\n');
}
