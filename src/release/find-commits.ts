import { git } from '../git/git.js';

/**
 * Full shas of every commit whose sha starts with `prefix` (lowercase hex, 4+
 * characters). Like git, only commits count: a blob sharing the prefix does not
 * make a commit ambiguous.
 */
export async function findCommitsByPrefix(cwd: string, prefix: string): Promise<string[]> {
  const objects = (await git(['rev-parse', `--disambiguate=${prefix}`], { cwd })).split('\n').filter(Boolean);
  if (objects.length === 0) return [];
  const types = await git(['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    cwd,
    input: `${objects.join('\n')}\n`,
  });
  return types
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([, type]) => type === 'commit')
    .map(([sha]) => sha!);
}
