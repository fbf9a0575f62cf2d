import { ShipitError } from '../errors.js';
import { GitError, git, runGit, runGitScript } from './git.js';
import { readSymbolicRefFile } from './ref-files.js';

const commonDirs = new Map<string, Promise<string>>();
const shallowAnswers = new Map<string, boolean>();

interface RepoFacts {
  root: string;
  commonDir: string;
  shallow: boolean;
}

// Asked early (see warmRepo) and taken once by findRepoRoot: a later call asks git again.
const started = new Map<string, Promise<RepoFacts>>();

const FACT_ARGS = ['--path-format=absolute', '--show-toplevel', '--git-common-dir', '--is-shallow-repository'];

function parseFacts(output: string): RepoFacts {
  const [root = '', commonDir = '', shallow = ''] = output.trim().split('\n');
  return { root, commonDir, shallow: shallow === 'true' };
}

const parseRemotes = (output: string) => output.split('\n').filter(Boolean);

/** The top of the work tree, the shared .git and whether the clone is shallow: one git process. */
function askRepoFacts(cwd: string): Promise<RepoFacts> {
  return git(['rev-parse', ...FACT_ARGS], { cwd }).then(parseFacts);
}

// rev-parse's answer, a NUL, then the remotes: both questions from one process start (see runGitScript).
const FACTS_AND_REMOTES = 'git rev-parse "$@" || exit; printf "\\0"; exec git remote';

/**
 * Starts the questions every command asks git first (where the repository is, its remotes)
 * so they run while the command's code loads. Nothing fails here: findRepoRoot and
 * listRemotes report what went wrong when the command asks them.
 */
export function warmRepo(cwd: string): void {
  const both = runGitScript(FACTS_AND_REMOTES, FACT_ARGS, { cwd });
  const part = (index: 0 | 1, args: string[]) =>
    both.then(({ stdout, stderr, exitCode }) => {
      const parts = stdout.split('\0');
      const answered = parts.length === 2 && (index === 0 || exitCode === 0);
      if (!answered) throw new GitError(args, exitCode, stderr);
      return parts[index] as string;
    });
  const facts = part(0, ['rev-parse', ...FACT_ARGS]).then(parseFacts);
  facts.catch(() => undefined);
  started.set(cwd, facts);
  const remotes = part(1, ['remote']).then(parseRemotes);
  remotes.catch(() => undefined);
  void facts.then(
    ({ root }) => {
      // Any directory of the work tree lists the same remotes. A failure is not kept: listRemotes asks again.
      if (remotesByRepo.has(root)) return;
      remotesByRepo.set(root, remotes);
      remotes.catch(() => {
        if (remotesByRepo.get(root) === remotes) remotesByRepo.delete(root);
      });
    },
    () => undefined,
  );
}

/** The top of the work tree containing `cwd`; throws a catalogued error outside a repository. */
export async function findRepoRoot(cwd: string): Promise<string> {
  const early = started.get(cwd);
  started.delete(cwd);
  try {
    // The common dir and shallowness in the same process: most commands need them next (the state's
    // pending file, the state fetch's depth).
    const { root, commonDir, shallow } = await (early ?? askRepoFacts(cwd));
    commonDirs.set(root, Promise.resolve(commonDir));
    shallowAnswers.set(root, shallow);
    return root;
  } catch (error) {
    if (error instanceof GitError) {
      throw new ShipitError('not-a-repository', `${cwd} is not inside a git repository`, {
        hint: 'run shipit from your project checkout, or `git init` one',
      });
    }
    throw new ShipitError('git-missing', 'git is not installed or not on PATH', { cause: error });
  }
}

/** The .git directory shared by all work trees of the repository at `cwd` (absolute). */
export function gitCommonDir(cwd: string): Promise<string> {
  let dir = commonDirs.get(cwd);
  if (!dir) {
    dir = git(['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd });
    commonDirs.set(cwd, dir);
  }
  return dir;
}

/** Whether the repository at `cwd` is a shallow clone: as findRepoRoot last saw it, else asked of git. */
export async function isShallowRepository(cwd: string): Promise<boolean> {
  return shallowAnswers.get(cwd) ?? (await git(['rev-parse', '--is-shallow-repository'], { cwd })) === 'true';
}

const remotesByRepo = new Map<string, Promise<string[]>>();

const askRemotes = (cwd: string) => git(['remote'], { cwd }).then(parseRemotes);

/** The repository's remotes, asked of git once per process: they do not change during a command. */
export function listRemotes(cwd: string): Promise<string[]> {
  let remotes = remotesByRepo.get(cwd);
  if (!remotes) {
    remotes = askRemotes(cwd);
    remotesByRepo.set(cwd, remotes);
  }
  return remotes;
}

export async function hasRemote(cwd: string, remote: string): Promise<boolean> {
  return (await listRemotes(cwd)).includes(remote);
}

/** The full sha of `rev` as a commit, or null when it names nothing. */
// A commit never changes: that a full sha is here, or is an ancestor of another, stays true for the
// rest of the process (`auto --interval` asks the same every round). Only answers from git are kept.
const FULL_SHA = /^[0-9a-f]{40}$/;
const settled = new Map<string, boolean>();

export async function resolveCommit(cwd: string, rev: string): Promise<string | null> {
  const key = `${cwd}\0${rev}`;
  if (settled.get(key)) return rev;
  const result = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], {
    cwd,
    okExitCodes: [1, 128],
  });
  const sha = result.exitCode === 0 ? result.stdout.trim() : null;
  if (sha && sha === rev && FULL_SHA.test(rev)) settled.set(key, true); // absent may be fetched later: asked again
  return sha;
}

/** Whether `ancestor` is reachable from `descendant` (a commit is its own ancestor). */
export async function isAncestor(cwd: string, ancestor: string, descendant: string): Promise<boolean> {
  const key = `${cwd}\0${ancestor}..${descendant}`;
  const known = settled.get(key);
  if (known !== undefined) return known;
  const result = await runGit(['merge-base', '--is-ancestor', ancestor, descendant], { cwd, okExitCodes: [1] });
  const answer = result.exitCode === 0;
  if (FULL_SHA.test(ancestor) && FULL_SHA.test(descendant)) settled.set(key, answer);
  return answer;
}

/** The branch origin/HEAD points at, when the remote has told us. */
export async function remoteDefaultBranch(cwd: string, remote: string): Promise<string | null> {
  const name = `refs/remotes/${remote}/HEAD`;
  const fromFile = await readSymbolicRefFile(await gitCommonDir(cwd), name);
  if (fromFile) {
    const prefix = `refs/remotes/${remote}/`;
    return fromFile.target?.startsWith(prefix) ? fromFile.target.slice(prefix.length) : null;
  }
  const result = await runGit(['symbolic-ref', '--quiet', '--short', `refs/remotes/${remote}/HEAD`], {
    cwd,
    okExitCodes: [1, 128],
  });
  const ref = result.stdout.trim();
  return result.exitCode === 0 && ref.startsWith(`${remote}/`) ? ref.slice(remote.length + 1) : null;
}
