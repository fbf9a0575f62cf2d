import { listLocalRefs, listRemoteRefs, type RefList } from '../git/ref-lists.js';

/** This clone holds what the remote has: nothing to fetch. */
export interface InStep {
  /** The branch's tip, here and on the remote. */
  branchTip: string;
  /** The environment's state refs and their objects, as one comparable string. */
  stateKey: string;
}

interface Where {
  remote: string;
  environment: string;
  branch: string;
}

/**
 * Asks the remote for its state refs (the lock, the history) and the branch while listing
 * ours, side by side. Equal: the clone is current and a fetch would bring nothing (the
 * common round of `auto --interval`). Null when anything differs or the remote could not
 * be asked: the caller fetches, as it would without this look.
 */
export async function compareWithRemote(cwd: string, where: Where): Promise<InStep | null> {
  const state = `refs/shipit/${where.environment}/`;
  const theirBranch = `refs/heads/${where.branch}`;
  const ourBranch = `refs/remotes/${where.remote}/${where.branch}`;
  const [theirs, ours] = await Promise.all([
    listRemoteRefs(cwd, where.remote, [state, theirBranch]),
    listLocalRefs(cwd, [state, ourBranch]),
  ]);
  const branchTip = ours.get(ourBranch);
  if (!theirs || !branchTip || theirs.get(theirBranch) !== branchTip) return null;
  const stateKey = keyOf(theirs, state);
  return stateKey === keyOf(ours, state) ? { branchTip, stateKey } : null;
}

function keyOf(refs: RefList, prefix: string): string {
  return [...refs]
    .filter(([name]) => name.startsWith(prefix))
    .map(([name, sha]) => `${name} ${sha}`)
    .sort()
    .join('\n');
}
