import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchReader, type BlobSink } from '../../../src/git/batch-reader.js';
import { readBlobs, streamBlobs } from '../../../src/git/cat-file.js';
import { GitError } from '../../../src/git/git.js';
import { createLocalRepo, type Repo } from '../../helpers/git-world.js';
import { deviseLocales } from './corpus.js';
import { random, SEED } from './yaml-differential.js';

// The temp file (batch-output.ts) serves reads into memory used again; others read the pipe.
const REUSE = { reuse: true };

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

  it.each([
    ['the pipe', {}],
    ['the temp file', REUSE],
  ])('stops midway when its signal is aborted, with the signal’s reason, through %s', async (_, mode) => {
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
      { signal: controller.signal, ...mode },
    );
    await expect(reading).rejects.toThrow('timed out after 30s');
    expect(seen).toEqual([0]);
  });

  it('ends with git-missing, not a wait for output, when git cannot be started', async () => {
    const head = await repo.commit('files', { files: { 'a.txt': 'a' } });
    const saved = process.env.PATH;
    process.env.PATH = '';
    try {
      for (const mode of [{}, REUSE]) {
        await expect(streamBlobs(repo.dir, [`${head}:a.txt`], () => {}, mode)).rejects.toMatchObject({
          code: 'git-missing',
        });
      }
    } finally {
      process.env.PATH = saved;
    }
  });

  it('leaves no temp file behind, whether reading succeeds or fails', async () => {
    const head = await repo.commit('files', { files: { 'a.txt': 'a' } });
    const temp = await mkdtemp(join(tmpdir(), 'stream-blobs-'));
    try {
      await withTmpdir(temp, async () => {
        const seen: string[] = [];
        await streamBlobs(repo.dir, [`${head}:a.txt`], (_, content) => void seen.push(String(content)), REUSE);
        expect(seen).toEqual(['a']);
        await expectFailuresPassedOn(head);
      });
      expect(await readdir(temp)).toEqual([]);
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  });

  it('reads through a plain pipe where no temp file can be made, with the same outcomes', async () => {
    const big = 'é'.repeat(100_000);
    const head = await repo.commit('files', { files: { 'a.txt': 'a', 'big.txt': big } });
    await withTmpdir(join(tmpdir(), 'no-such-folder-for-stream-blobs', 'x'), async () => {
      const names = [`${head}:a.txt`, `${head}:big.txt`, `${head}:none`];
      const contents = await readBlobs(repo.dir, names);
      expect(contents.map((content) => content?.toString('utf8') ?? null)).toEqual(['a', big, null]);
      const streamed: (string | null)[] = [];
      await streamBlobs(repo.dir, names, (_, content) => void streamed.push(content?.toString('utf8') ?? null), REUSE);
      expect(streamed).toEqual(['a', big, null]);
      await expectFailuresPassedOn(head);
    });
  });

  it('with reuse, hands each blob whole in one buffer used again, valid until the consumer settles', async () => {
    // Sizes that grow and shrink, past a pipe chunk, so that the buffer grows once and is used again.
    const files = {
      'a.txt': 'é'.repeat(70_000),
      'b.txt': 'short\n',
      'c.txt': '日本語'.repeat(50_000),
      'd.txt': '',
      'e.txt': 'x'.repeat(100),
    };
    const head = await repo.commit('files', { files });
    const paths = [...Object.keys(files), 'missing.txt'];
    const names = paths.map((path) => `${head}:${path}`);
    const seen: (string | null)[] = [];
    const buffers = new Set<ArrayBufferLike>();
    await streamBlobs(
      repo.dir,
      names,
      async (_, content) => {
        // A slow consumer reads its content after waiting: git's next bytes must not have overwritten it.
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(content === null ? null : content.toString('utf8'));
        if (content?.length) buffers.add(content.buffer);
      },
      { reuse: true },
    );
    expect(seen).toEqual([...Object.values(files), null]);
    // One buffer for the first blob, one when the third outgrows it: not one per blob.
    expect(buffers.size).toBe(2);
  });
});

/** A consumer's error, and git's own, come out of a read into memory used again, whatever output it takes. */
async function expectFailuresPassedOn(head: string): Promise<void> {
  const failing = streamBlobs(
    repo.dir,
    [`${head}:a.txt`],
    () => {
      throw new Error('consumer failed');
    },
    REUSE,
  );
  await expect(failing).rejects.toThrow('consumer failed');
  await expect(streamBlobs('/', ['HEAD:a'], () => {}, REUSE)).rejects.toBeInstanceOf(GitError);
}

/** Runs `body` with TMPDIR set to `folder` (os.tmpdir() reads it on every call), then puts it back. */
async function withTmpdir(folder: string, body: () => Promise<void>): Promise<void> {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  try {
    await body();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

/** `git cat-file --batch` output for these objects (null: a missing name). */
function batchOutput(objects: (string | null)[]): Buffer {
  const parts = objects.map((content, index) => {
    if (content === null) return Buffer.from(`name${index} missing\n`);
    const bytes = Buffer.from(content);
    return Buffer.concat([Buffer.from(`${'0'.repeat(40)} blob ${bytes.length}\n`), bytes, Buffer.from('\n')]);
  });
  return Buffer.concat(parts);
}

/** What a BatchReader gives for `output` cut at `cuts`: each object's bytes joined, or null. */
function readCut(output: Buffer, expected: number, cuts: number[]): (string | null)[] {
  const objects: (string | null)[] = [];
  const reader = new BatchReader(expected, (index, size): BlobSink => {
    const pieces: Buffer[] = [];
    return {
      write: (bytes) => pieces.push(bytes),
      end: () => {
        objects[index] = size === null ? null : Buffer.concat(pieces).toString('utf8');
        expect(Buffer.concat(pieces).length).toBe(size ?? 0);
      },
    };
  });
  const bounds = [0, ...cuts, output.length];
  for (let at = 1; at < bounds.length; at++) {
    for (const sink of reader.push(output.subarray(bounds[at - 1], bounds[at]))) sink.end();
  }
  expect(reader.done).toBe(expected);
  return objects;
}

describe('git cat-file --batch output cut anywhere', () => {
  // Headers, contents, the newline ending each object and multi-byte characters all cut.
  const objects = ['key: voilà\n', null, '', 'ünï 😀 日本\n', 'x'.repeat(300), '\n\n', 'ends without a newline'];
  const output = batchOutput(objects);

  it('gives every object whole, cut once at every byte', () => {
    for (let cut = 0; cut <= output.length; cut++) expect(readCut(output, objects.length, [cut])).toEqual(objects);
  });

  it('gives every object whole, cut into pieces of every size from one byte', () => {
    for (let size = 1; size <= 64; size++) {
      const cuts = Array.from({ length: Math.ceil(output.length / size) - 1 }, (_, at) => (at + 1) * size);
      expect(readCut(output, objects.length, cuts)).toEqual(objects);
    }
  });

  it('gives every real locale file whole, from output cut in chunks of random sizes', async () => {
    const files = [...(await deviseLocales()).values()];
    const all = batchOutput(files);
    const next = random(SEED + 30);
    for (let run = 0; run < 5; run++) {
      const cuts: number[] = [];
      for (let at = 1 + Math.floor(next() * 70_000); at < all.length; at += 1 + Math.floor(next() * 70_000)) {
        cuts.push(at);
      }
      expect(readCut(all, files.length, cuts)).toEqual(files);
    }
  });

  it('writes views of the chunks it is given, never copies of them', () => {
    const chunk = batchOutput(['a'.repeat(1000)]);
    const written: Buffer[] = [];
    const reader = new BatchReader(1, () => ({ write: (bytes) => written.push(bytes), end() {} }));
    expect([...reader.push(chunk)]).toHaveLength(1);
    expect(written).toHaveLength(1);
    expect(written[0]!.buffer).toBe(chunk.buffer);
  });
});

describe('git cat-file --batch output out of step', () => {
  it('fails on a header that names no size, rather than read garbage', () => {
    const reader = new BatchReader(1, () => ({ write() {}, end() {} }));
    expect(() => [...reader.push(Buffer.from('not a header\nx\n'))]).toThrow(GitError);
  });
});
