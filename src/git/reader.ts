import picomatch from 'picomatch';
import type { GitReader } from '../gate/contract.js';
import { git, runGitRaw } from './git.js';

/** Reads files from git objects at `sha`: never from the user's work tree. */
export function createGitReader(cwd: string, sha: string): GitReader {
  let files: Promise<string[]> | undefined;
  const run = (args: string[]) => git(args, { cwd });

  async function readFiles(paths: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (paths.length === 0) return found;
    // One `cat-file --batch` for every path: a process per file would dominate large checks.
    const input = `${paths.map((path) => `${sha}:${path}`).join('\n')}\n`;
    const { stdout } = await runGitRaw(['cat-file', '--batch'], { cwd, input });
    let offset = 0;
    for (const path of paths) {
      const headerEnd = stdout.indexOf(10, offset);
      const header = stdout.subarray(offset, headerEnd).toString();
      offset = headerEnd + 1;
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) continue;
      const [, type, size] = header.split(' ');
      const length = Number(size);
      if (type === 'blob') found.set(path, stdout.subarray(offset, offset + length).toString('utf8'));
      offset += length + 1;
    }
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
      const matches = picomatch(patterns, { dot: true });
      return all.filter((path) => matches(path));
    },
  };
}
