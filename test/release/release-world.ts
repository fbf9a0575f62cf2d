import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Commit } from '../../src/gate/contract.js';
import { listCommits } from '../../src/git/commits.js';
import type { Repo } from '../helpers/git-world.js';

// Stories for the exclusion engine: PRs merged both ways, a clock that moves, and
// the two oracles every test leans on (what `git revert` makes, and what the
// user's checkout looked like before).

/** Commits with dates one minute apart, so "newest first" is never a tie. */
export function storyteller(repo: Repo) {
  let minute = 0;
  const nextDate = () => new Date(Date.UTC(2026, 0, 1, 9, minute++)).toISOString();
  const commit = (message: string, files: Record<string, string | null>, author = 'dev1') =>
    repo.commit(message, { files, author, date: nextDate() });

  /** A pull request merged with a merge commit (`git merge --no-ff`); returns the merge sha. */
  async function mergePullRequest(number: number, commits: [string, Record<string, string | null>][]) {
    const branch = `pr-${number}`;
    await repo.git('checkout', '-q', '-b', branch);
    for (const [message, files] of commits) await commit(message, files, 'dev2');
    await repo.git('checkout', '-q', 'main');
    const date = nextDate();
    await execa('git', ['merge', '-q', '--no-ff', '-m', `Merge pull request #${number} from acme/${branch}`, branch], {
      cwd: repo.dir,
      env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
    await repo.git('branch', '-q', '-D', branch);
    return repo.head();
  }

  return { commit, mergePullRequest };
}

/** Everything a user would notice changing in their checkout. */
export async function checkoutSnapshot(repo: Repo): Promise<Record<string, string>> {
  const run = (...args: string[]) => repo.git(...args);
  return {
    status: await run('status', '--porcelain=v1', '--untracked-files=all'),
    head: await run('rev-parse', 'HEAD'),
    branch: await run('symbolic-ref', '-q', 'HEAD'),
    index: await run('ls-files', '--stage'),
    stash: await run('stash', 'list'),
    worktrees: await run('worktree', 'list', '--porcelain'),
    refs: await run('for-each-ref', '--format=%(refname) %(objectname)'),
  };
}

/** The tree `git revert --no-edit [-m 1]` of `exclusions`, in order, leaves on `candidate`, in a scratch clone. */
export async function treeAfterGitRevert(repo: Repo, candidate: string, exclusions: Commit[]): Promise<string> {
  const scratch = join(repo.dir, '..', `scratch-${Math.random().toString(36).slice(2, 8)}`);
  const env = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
  const git = (...args: string[]) => execa('git', args, { cwd: scratch, env });
  await execa('git', ['clone', '-q', '--no-checkout', repo.dir, scratch]);
  await git('checkout', '-q', '--detach', candidate);
  for (const commit of exclusions) {
    await git('revert', '--no-edit', ...(commit.parents.length > 1 ? ['-m', '1'] : []), commit.sha);
  }
  return (await git('rev-parse', 'HEAD^{tree}')).stdout.trim();
}

export const batchBetween = (repo: Repo, production: string | null, candidate: string) =>
  listCommits(repo.dir, candidate, production ? [production] : []);

export const findBySubject = (batch: Commit[], subject: string): Commit => {
  const found = batch.find((commit) => commit.subject === subject);
  if (!found) throw new Error(`no commit "${subject}" in the batch`);
  return found;
};

/**
 * Writes two unreferenced commit objects whose shas share their first 7 hex
 * characters (a birthday search over ~2^14 candidates), and returns that prefix.
 */
export async function plantAmbiguousCommits(repo: Repo): Promise<{ prefix: string; shas: string[] }> {
  const tree = await repo.git('rev-parse', 'HEAD^{tree}');
  const parent = await repo.head();
  const seen = new Map<string, string>();
  for (let nonce = 0; ; nonce++) {
    const body = `tree ${tree}\nparent ${parent}\nauthor A <a@a> 1767258000 +0000\ncommitter A <a@a> 1767258000 +0000\n\nlookalike ${nonce}\n`;
    const sha = createHash('sha1')
      .update(`commit ${Buffer.byteLength(body)}\0${body}`)
      .digest('hex');
    const prefix = sha.slice(0, 7);
    const twin = seen.get(prefix);
    if (twin !== undefined) {
      const shas = [];
      for (const text of [twin, body]) {
        const written = await execa('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], {
          cwd: repo.dir,
          input: text,
        });
        shas.push(written.stdout.trim());
      }
      return { prefix, shas };
    }
    seen.set(prefix, body);
  }
}
