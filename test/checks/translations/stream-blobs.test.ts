import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBlobs, streamBlobs } from '../../../src/git/cat-file.js';
import { GitError } from '../../../src/git/git.js';
import { createLocalRepo, type Repo } from '../../helpers/git-world.js';

let repo: Repo;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ repo, cleanup } = await createLocalRepo());
});
afterEach(() => cleanup());

describe('git cat-file --batch, streamed', () => {
  it('hands over each blob in order, whole, across pipe chunks, with null for what is not a blob', async () => {
    // Larger than a pipe buffer (64 KB), so that blobs and headers straddle chunks.
    const big = 'x'.repeat(200_000);
    const files = { 'a.txt': 'first\n', 'big.txt': big, 'empty.txt': '', 'dir/c.txt': 'ünïcode\n' };
    const head = await repo.commit('files', { files });
    const names = ['a.txt', 'big.txt', 'missing.txt', 'dir', 'empty.txt', 'dir/c.txt'].map((path) => `${head}:${path}`);

    const seen: [number, string | null][] = [];
    await streamBlobs(repo.dir, names, async (index, content) => {
      // A slow consumer: reading waits for it.
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push([index, content === null ? null : content.toString('utf8')]);
    });
    expect(seen).toEqual([
      [0, 'first\n'],
      [1, big],
      [2, null],
      [3, null],
      [4, ''],
      [5, 'ünïcode\n'],
    ]);
    const contents = await readBlobs(repo.dir, names);
    expect(contents.map((content) => content?.toString('utf8') ?? null)).toEqual(seen.map(([, text]) => text));
  });

  it('fails with a GitError outside a repository, and passes on the consumer’s own error', async () => {
    await expect(streamBlobs('/', ['HEAD:a'], () => {})).rejects.toBeInstanceOf(GitError);
    const head = await repo.commit('files', { files: { 'a.txt': 'a' } });
    await expect(
      streamBlobs(repo.dir, [`${head}:a.txt`], () => {
        throw new Error('consumer failed');
      }),
    ).rejects.toThrow('consumer failed');
  });

  it('stops midway when its signal is aborted, with the signal’s reason', async () => {
    const head = await repo.commit('files', { files: { 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c' } });
    const controller = new AbortController();
    const seen: number[] = [];
    const names = ['a.txt', 'b.txt', 'c.txt'].map((path) => `${head}:${path}`);
    const reading = streamBlobs(
      repo.dir,
      names,
      (index) => {
        seen.push(index);
        controller.abort(new Error('timed out after 30s'));
      },
      controller.signal,
    );
    await expect(reading).rejects.toThrow('timed out after 30s');
    expect(seen).toEqual([0]);
  });
});
