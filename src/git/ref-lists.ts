import { git, runGit } from './git.js';
import { readRefFiles } from './ref-files.js';
import { gitCommonDir } from './repo.js';

/** Ref name to the object it points at. */
export type RefList = Map<string, string>;

/**
 * The remote's refs that start with one of `prefixes` (a prefix ending in `/` is a folder;
 * any other names one ref), or null when the remote could not be asked (the caller fetches
 * instead, and the fetch reports the error). Cheaper than a fetch, which even with nothing
 * to bring starts a connectivity check and a ref update.
 */
export async function listRemoteRefs(cwd: string, remote: string, prefixes: string[]): Promise<RefList | null> {
  const patterns = prefixes.map((prefix) => (prefix.endsWith('/') ? `${prefix}*` : prefix));
  const result = await runGit(['ls-remote', '--quiet', remote, ...patterns], { cwd, okExitCodes: [1, 2, 128] });
  if (result.exitCode !== 0) return null;
  // ls-remote matches patterns against the end of a name: keep the names that start with one.
  return filterRefs(parseRefs(result.stdout, '\t'), prefixes);
}

/**
 * This clone's refs that start with one of `prefixes`: read from git's files where that is
 * safe (see ref-files.ts), else from one `git for-each-ref`.
 */
export async function listLocalRefs(cwd: string, prefixes: string[]): Promise<RefList> {
  const fromFiles = await readRefFiles(await gitCommonDir(cwd), prefixes);
  if (fromFiles) return fromFiles;
  const output = await git(['for-each-ref', '--format=%(objectname) %(refname)', ...prefixes], { cwd });
  return filterRefs(parseRefs(output, ' '), prefixes);
}

function parseRefs(output: string, separator: string): RefList {
  const refs: RefList = new Map();
  for (const line of output.split('\n').filter(Boolean)) {
    const at = line.indexOf(separator);
    refs.set(line.slice(at + 1).trim(), line.slice(0, at));
  }
  return refs;
}

function filterRefs(refs: RefList, prefixes: string[]): RefList {
  const matches = (name: string) =>
    prefixes.some((prefix) => (prefix.endsWith('/') ? name.startsWith(prefix) : name === prefix));
  return new Map([...refs].filter(([name]) => matches(name)));
}
