import type { GitReader } from '../gate/contract.js';
import { readBlobs } from './cat-file.js';
import { git } from './git.js';

/** Reads files from git objects at `sha`: never from the user's work tree. */
export function createGitReader(cwd: string, sha: string): GitReader {
  let files: Promise<string[]> | undefined;
  const run = (args: string[]) => git(args, { cwd });

  async function readFiles(paths: string[]): Promise<Map<string, string>> {
    const contents = await readBlobs(
      cwd,
      paths.map((path) => `${sha}:${path}`),
    );
    const found = new Map<string, string>();
    paths.forEach((path, index) => {
      const content = contents[index];
      if (content) found.set(path, content.toString('utf8'));
    });
    return found;
  }

  return {
    sha,
    run,
    readFiles,
    async readFile(path) {
      return (await readFiles([path])).get(path) ?? null;
    },
    async listFiles(patterns) {
      files ??= run(['ls-tree', '-r', '-z', '--name-only', '--full-tree', sha]).then((out) =>
        out.split('\0').filter(Boolean),
      );
      const all = await files;
      if (!patterns?.length) return all;
      // picomatch loads only for a check that filters files: not on every run's start.
      const { default: picomatch } = await import('picomatch');
      const matches = picomatch(patterns, { dot: true });
      return all.filter((path) => matches(path));
    },
  };
}
