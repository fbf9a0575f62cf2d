import { git } from '../../git/git.js';

// Low-level git object plumbing for the state refs. Everything is written as
// objects first and published by one ref update, so a crash leaves at most
// unreferenced objects behind, never a half-written state.

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree';
  sha: string;
  name: string;
}

export interface Author {
  name: string;
  email: string;
}

export async function writeBlob(cwd: string, content: string | Buffer): Promise<string> {
  return git(['hash-object', '-w', '--stdin'], { cwd, input: content });
}

/** Writes a tree from its entries (names sorted by git itself). */
export async function writeTree(cwd: string, entries: TreeEntry[]): Promise<string> {
  const input = entries.map((entry) => `${entry.mode} ${entry.type} ${entry.sha}\t${entry.name}\n`).join('');
  return git(['mktree'], { cwd, input });
}

/**
 * Every entry of a tree at every depth, subtrees included, named by their path (`deploys`,
 * `deploys/000001.json`): one git process where reading level by level takes one per folder.
 */
export async function readTreeDeep(cwd: string, treeish: string): Promise<TreeEntry[]> {
  return parseTree(await git(['ls-tree', '-r', '-t', '-z', treeish], { cwd }));
}

function parseTree(output: string): TreeEntry[] {
  return output
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta = '', name = ''] = line.split('\t');
      const [mode = '', type = '', sha = ''] = meta.split(' ');
      return { mode, type: type as TreeEntry['type'], sha, name };
    });
}

export async function writeCommit(
  cwd: string,
  options: { tree: string; parents: string[]; message: string; author: Author },
): Promise<string> {
  const { name, email } = options.author;
  const args = ['commit-tree', '--no-gpg-sign', options.tree, ...options.parents.flatMap((sha) => ['-p', sha])];
  // An explicit identity: CI runners often have no user.email, and commit-tree would refuse.
  const env = { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email };
  return git(args, { cwd, env, input: options.message });
}

export async function readCommitMessage(cwd: string, sha: string): Promise<{ message: string; date: string }> {
  const output = await git(['show', '-s', '--format=%cI%n%B', sha], { cwd });
  const newline = output.indexOf('\n');
  return { date: output.slice(0, newline), message: output.slice(newline + 1) };
}
