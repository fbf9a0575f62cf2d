import { ShipitError } from '../errors.js';
import type { Commit } from '../gate/contract.js';
import { commitLabel, readCommit } from '../git/commits.js';
import { isAncestor } from '../git/repo.js';
import { shortSha } from '../text/sha.js';
import { findCommitsByPrefix } from './find-commits.js';
import { shippingBatch } from './shipping-batch.js';

export interface ExclusionRange {
  /** The commits going out, newest first. */
  batch: Commit[];
  /** What is live now, or null before the first deploy. */
  productionSha: string | null;
  /** Full sha of the commit going out (the branch tip). */
  candidate: string;
  /** Exclusions still standing from earlier deploys: naming one again is accepted, not refused. */
  standing?: Commit[];
}

const MIN_SHORT_SHA = 7;

/**
 * The commits named by `--exclude` arguments (a full or short sha, or `#123` for a
 * pull request), newest first: those of the batch, then standing ones. Throws a
 * catalogued error (exit code 2) for the first argument that names neither.
 */
export async function resolveExclusions(cwd: string, args: string[], range: ExclusionRange): Promise<Commit[]> {
  const namedBy = new Map<string, string>();
  for (const raw of args) {
    const arg = raw.trim();
    const commits = arg.startsWith('#') ? findPullRequest(arg, range) : [await resolveSha(cwd, arg, range)];
    for (const commit of commits) {
      const earlier = namedBy.get(commit.sha);
      if (earlier !== undefined) {
        const message = `--exclude ${arg}: ${commit.shortSha} is already excluded by ${earlier}`;
        throw new ShipitError('exclude-duplicate', message, { hint: 'name each commit once' });
      }
      namedBy.set(commit.sha, arg);
    }
  }
  const excluded = range.batch.filter((commit) => namedBy.has(commit.sha));
  const standing = (range.standing ?? []).filter((commit) => namedBy.has(commit.sha));
  if (excluded.length > 0 && shippingBatch(range.batch, excluded).length === 0) {
    throw new ShipitError('exclude-everything', 'every commit of the batch is excluded: nothing left to deploy', {
      hint: 'exclude fewer commits, or wait for a commit worth deploying',
    });
  }
  return [...excluded, ...standing];
}

/** The merge commit or squash commit pull request `#123` brought into the batch. */
function findPullRequest(arg: string, range: ExclusionRange): Commit[] {
  const number = /^#(\d+)$/.exec(arg)?.[1];
  if (number === undefined) throw notACommit(arg);
  const merge = `Merge pull request #${number} from `;
  const squashSuffix = `(#${number})`;
  const found = [...range.batch, ...(range.standing ?? [])].filter(
    (commit) => commit.subject.startsWith(merge) || commit.subject.trimEnd().endsWith(squashSuffix),
  );
  if (found.length === 0) {
    throw new ShipitError(
      'exclude-pr-not-in-batch',
      `--exclude ${arg}: no commit of pull request ${arg} is in this batch`,
      {
        hint: `looked for "Merge pull request ${arg} from ..." or a subject ending in "(${arg})" among the ${range.batch.length} commits going out`,
      },
    );
  }
  return found;
}

async function resolveSha(cwd: string, arg: string, range: ExclusionRange): Promise<Commit> {
  if (!/^[0-9a-f]+$/i.test(arg)) throw notACommit(arg);
  if (arg.length < MIN_SHORT_SHA) {
    throw new ShipitError(
      'exclude-sha-too-short',
      `--exclude ${arg}: a sha needs at least ${MIN_SHORT_SHA} characters`,
      {
        hint: 'copy the sha from `git log --oneline`',
      },
    );
  }
  const matches = await findCommitsByPrefix(cwd, arg.toLowerCase());
  if (matches.length > 1) {
    const listed = await Promise.all(matches.map(async (sha) => commitLabel(await readCommit(cwd, sha))));
    throw new ShipitError(
      'exclude-ambiguous',
      `--exclude ${arg}: matches ${matches.length} commits: ${listed.join(', ')}`,
      {
        hint: 'give more characters of the sha',
      },
    );
  }
  const [sha] = matches;
  if (sha === undefined) {
    throw new ShipitError('exclude-unknown', `--exclude ${arg}: no commit ${arg} in this repository`, {
      hint: 'check the sha, or `git fetch` if it was pushed from elsewhere',
    });
  }
  return findInBatch(cwd, sha, range);
}

async function findInBatch(cwd: string, sha: string, range: ExclusionRange): Promise<Commit> {
  const known = [...range.batch, ...(range.standing ?? [])].find((commit) => commit.sha === sha);
  if (known) return known;
  const commit = await readCommit(cwd, sha);
  if (range.productionSha && (await isAncestor(cwd, sha, range.productionSha))) {
    throw new ShipitError('exclude-in-production', `--exclude ${commitLabel(commit)}: it is already in production`, {
      hint: 'only commits going out can be excluded; to take it back, revert it on the branch or roll back',
    });
  }
  if (!(await isAncestor(cwd, sha, range.candidate))) {
    throw new ShipitError(
      'exclude-not-on-branch',
      `--exclude ${commitLabel(commit)}: it is not on the branch being deployed`,
      {
        hint: `it is not an ancestor of ${shortSha(range.candidate)}; nothing to exclude`,
      },
    );
  }
  throw new ShipitError('exclude-not-in-batch', `--exclude ${commitLabel(commit)}: it is not in the batch going out`, {
    hint: 'only commits between production and the candidate can be excluded',
  });
}

const notACommit = (arg: string) =>
  new ShipitError('exclude-not-a-commit', `--exclude ${JSON.stringify(arg)}: not a commit`, {
    hint: `name a commit by its sha (${MIN_SHORT_SHA}+ hex characters) or a pull request (#123)`,
  });
