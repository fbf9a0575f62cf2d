import { runGitRaw } from './git.js';

/**
 * The contents of several blobs (`<sha>`, `<rev>:<path>`) from one
 * `git cat-file --batch`: a process per object would dominate large reads.
 * Missing names, and names of anything but a blob (a folder), come back null.
 */
export async function readBlobs(cwd: string, names: string[]): Promise<(Buffer | null)[]> {
  if (names.length === 0) return [];
  const { stdout } = await runGitRaw(['cat-file', '--batch'], { cwd, input: `${names.join('\n')}\n` });
  const contents: (Buffer | null)[] = [];
  let offset = 0;
  for (const _ of names) {
    const headerEnd = stdout.indexOf(10, offset);
    const header = stdout.subarray(offset, headerEnd).toString();
    offset = headerEnd + 1;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      contents.push(null);
      continue;
    }
    const [, type, size] = header.split(' ');
    const length = Number(size);
    contents.push(type === 'blob' ? stdout.subarray(offset, offset + length) : null);
    offset += length + 1;
  }
  return contents;
}
