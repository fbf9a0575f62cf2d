import { ShipitError } from '../errors.js';
import type { Commit } from '../gate/contract.js';
import { commitLabel, listCommits, readCommit } from '../git/commits.js';
import { git } from '../git/git.js';
import { isAncestor, resolveCommit } from '../git/repo.js';

export interface Retirement {
  commit: Commit;
  why: 'reverted' | 'included' | 'gone';
  /** The branch commit that reverted it, for `reverted`. */
  revertedBy?: string;
}

/**
 * Standing exclusions that end with this deploy: released with --include,
 * reverted on the branch since (git's "This reverts commit <sha>." line),
 * or no longer on the branch at all (history rewritten).
 */
export async function findRetirements(
  cwd: string,
  options: { standing: Commit[]; include: string[]; reverts: Map<string, string>; candidate: string },
): Promise<Retirement[]> {
  const included = new Set(options.include.map((arg) => matchStanding(arg, options.standing).sha));
  const { reverts } = options;
  const retirements: Retirement[] = [];
  for (const commit of options.standing) {
    if (included.has(commit.sha)) retirements.push({ commit, why: 'included' });
    else if (reverts.has(commit.sha))
      retirements.push({ commit, why: 'reverted', revertedBy: reverts.get(commit.sha) });
    else if (!(await isAncestor(cwd, commit.sha, options.candidate))) retirements.push({ commit, why: 'gone' });
  }
  return retirements;
}

function matchStanding(arg: string, standing: Commit[]): Commit {
  const text = arg.trim().toLowerCase();
  const pr = /^#(\d+)$/.exec(text)?.[1];
  const matches = standing.filter((commit) =>
    pr
      ? commit.subject.startsWith(`Merge pull request #${pr} from `) || commit.subject.trimEnd().endsWith(`(#${pr})`)
      : text.length >= 7 && /^[0-9a-f]+$/.test(text) && commit.sha.startsWith(text),
  );
  const [match] = matches;
  if (matches.length === 1 && match) return match;
  const list = standing.map(commitLabel).join(', ');
  throw new ShipitError('include-unknown', `--include ${arg}: not a standing exclusion`, {
    hint: list ? `standing exclusions: ${list}` : 'no commit is excluded at the moment',
  });
}

/** excluded sha -> the batch commit whose message says it reverts it. */
export async function findReverts(cwd: string, batch: Commit[]): Promise<Map<string, string>> {
  const reverts = new Map<string, string>();
  if (batch.length === 0) return reverts;
  const output = await git(['log', '--no-walk=unsorted', '--format=%H%x1f%B%x1e', '--stdin'], {
    cwd,
    input: batch.map((commit) => commit.sha).join('\n'),
  });
  for (const record of output.split('\x1e')) {
    const [sha, body = ''] = record.trim().split('\x1f');
    for (const match of body.matchAll(/This reverts commit ([0-9a-f]{40})/g)) {
      if (sha && match[1]) reverts.set(match[1], sha);
    }
  }
  return reverts;
}

/**
 * The commits a deploy puts live again because what runs now held them back and
 * this release no longer does (`--include`, or a rollback to a release that
 * excluded them): the checks must see them like any new commit. A merge brings
 * back the commits of its pull request too, since it was reverted against its
 * first parent. A commit reverted on the branch since goes out with its revert,
 * which changes nothing, and one no longer on the branch does not go out.
 */
export async function findReleasedCommits(
  cwd: string,
  options: { heldBack: string[]; stillExcluded: Set<string>; reverts: Map<string, string>; candidate: string },
): Promise<Commit[]> {
  const released: Commit[] = [];
  for (const sha of options.heldBack) {
    if (options.stillExcluded.has(sha) || options.reverts.has(sha)) continue;
    if (!(await resolveCommit(cwd, sha)) || !(await isAncestor(cwd, sha, options.candidate))) continue;
    const commit = await readCommit(cwd, sha);
    const brought = commit.parents.length > 1 ? await listCommits(cwd, sha, [commit.parents[0] as string]) : [commit];
    released.push(...brought.filter((found) => !released.some((known) => known.sha === found.sha)));
  }
  return released;
}
