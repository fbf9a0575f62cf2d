import type { Commit } from '../gate/contract.js';
import { git, runGit } from './git.js';
import { resolveCommit } from './repo.js';

const FIELD = '\x1f';
const RECORD = '\x1e';
// %aN/%aE: author name and email as the repository's .mailmap maps them (see git/author.ts).
const FORMAT = ['%H', '%h', '%s', '%aN', '%aE', '%aI', '%P'].join('%x1f') + '%x1e';

function parseCommits(output: string): Commit[] {
  return output
    .split(RECORD)
    .map((record) => record.trim())
    .filter(Boolean)
    .map((record) => {
      const [sha = '', shortSha = '', subject = '', authorName = '', authorEmail = '', date = '', parents = ''] =
        record.split(FIELD);
      return { sha, shortSha, subject, authorName, authorEmail, date, parents: parents.split(' ').filter(Boolean) };
    });
}

/** Commits reachable from `include` but not from any of `exclude`, newest first. */
export async function listCommits(cwd: string, include: string, exclude: string[] = []): Promise<Commit[]> {
  const key = [cwd, include, ...exclude].join('\0');
  if (lastList?.key === key) return structuredClone(lastList.commits);
  const args = ['log', `--format=${FORMAT}`, include, ...exclude.map((sha) => `^${sha}`), '--'];
  const commits = parseCommits(await git(args, { cwd }));
  if ([include, ...exclude].every((rev) => FULL_SHA.test(rev))) lastList = { key, commits: structuredClone(commits) };
  return commits;
}

// Between full shas the list never changes: the last one is kept for the next round of `auto --interval`
// (copies go out, as checks receive the commits).
const FULL_SHA = /^[0-9a-f]{40}$/;
let lastList: { key: string; commits: Commit[] } | undefined;

/** One commit's metadata. */
export async function readCommit(cwd: string, sha: string): Promise<Commit> {
  const [commit] = parseCommits(await git(['log', '-1', `--format=${FORMAT}`, sha, '--'], { cwd }));
  if (!commit) throw new Error(`no commit ${sha}`);
  return commit;
}

/**
 * The commit `rev` names (a sha, branch or tag) and its metadata, or null when it names no commit:
 * `resolveCommit` and `readCommit` in one git process. A range or a negation is no commit name to
 * rev-parse but means something to log: those take the two steps, so both answer alike.
 */
export async function findCommit(cwd: string, rev: string): Promise<Commit | null> {
  if (rev.includes('..') || rev.startsWith('^')) {
    const sha = await resolveCommit(cwd, rev);
    return sha ? readCommit(cwd, sha) : null;
  }
  const args = ['log', '-1', `--format=${FORMAT}`, '--end-of-options', `${rev}^{commit}`, '--'];
  const result = await runGit(args, { cwd, okExitCodes: [128] });
  return result.exitCode === 0 ? (parseCommits(result.stdout)[0] ?? null) : null;
}

/** `3f9c2e1 "feat: search v2"`: how messages name a commit. */
export const commitLabel = (commit: Commit): string => `${commit.shortSha} "${commit.subject}"`;
