import { spawn } from 'node:child_process';
import { ShipitError } from '../errors.js';
import { openChildOutput, pipeOutput } from './batch-output.js';
import { BatchReader, type BlobSink } from './batch-reader.js';
import { GitError } from './git.js';

/**
 * The contents of several blobs (`<sha>`, `<rev>:<path>`) from one
 * `git cat-file --batch`: a process per object would dominate large reads.
 * Missing names, and names of anything but a blob (a folder), come back null.
 */
export async function readBlobs(cwd: string, names: string[]): Promise<(Buffer | null)[]> {
  const contents: (Buffer | null)[] = new Array(names.length).fill(null);
  await streamBlobs(cwd, names, (index, content) => {
    contents[index] = content;
  });
  return contents;
}

/**
 * Hands each blob to `onBlob`, whole, in the order of `names`, as git writes
 * it: fifty locale files of a megabyte are parsed one by one and dropped,
 * never held together with git's whole output. `onBlob` may be async; reading
 * pauses until it settles, so a slow consumer bounds the memory used.
 *
 * With `reuse`, every blob is gathered in one buffer, used again from blob to
 * blob: `content` is then valid only until `onBlob` settles (copy what must
 * outlive it). A fresh buffer of megabytes per blob costs a page fault per
 * 4 KB, which on a small VM costs more than the reading; memory used again costs none.
 */
export async function streamBlobs(
  cwd: string,
  names: string[],
  onBlob: (index: number, content: Buffer | null) => void | Promise<void>,
  { signal, reuse = false }: { signal?: AbortSignal | undefined; reuse?: boolean } = {},
): Promise<void> {
  let scratch = Buffer.alloc(0);
  const open = (index: number, size: number | null): BlobSink => {
    if (size === null) return { write() {}, end: () => onBlob(index, null) };
    if (reuse && scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
    const content = reuse ? scratch.subarray(0, size) : Buffer.allocUnsafe(size);
    let filled = 0;
    return {
      write: (bytes) => {
        filled += bytes.copy(content, filled);
      },
      end: () => onBlob(index, content),
    };
  };
  await readBatch(cwd, names, open, { signal, reuse });
}

/** Runs `git cat-file --batch` on `names`, each object's bytes to the sink `open` gives (`size` null: not a blob). */
async function readBatch(
  cwd: string,
  names: string[],
  open: (index: number, size: number | null) => BlobSink,
  { signal, reuse }: { signal?: AbortSignal | undefined; reuse: boolean },
): Promise<void> {
  if (names.length === 0) return;
  signal?.throwIfAborted();
  // The temp file pays for itself only where megabytes go into memory used again.
  const output = reuse ? openChildOutput() : pipeOutput();
  const child = spawn('git', ['cat-file', '--batch'], {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    stdio: ['pipe', output.stdio, 'pipe'],
  });
  output.attach(child);
  const stderr: Buffer[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  // Settles once, never rejects: a spawn failure is reported after the output loop.
  const exited = new Promise<{ code: number; error?: Error }>((resolve) => {
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: -1, error: spawnError(error) }));
    child.on('close', (code) => resolve({ code: code ?? -1 }));
  });
  // Stopping is the caller's: its signal's reason (a timeout, Ctrl-C) is what it throws.
  const stop = () => child.kill();
  signal?.addEventListener('abort', stop, { once: true });
  // Git may exit before reading all its input (a bad repository): its exit code tells the story.
  child.stdin?.on('error', () => {});
  child.stdin?.end(`${names.join('\n')}\n`);

  const reader = new BatchReader(names.length, open);
  /** Ends each blob the bytes complete; when one's consumer is async, the rest wait for it. */
  const drain = (sinks: Generator<BlobSink>): Promise<void> | undefined => {
    for (let step = sinks.next(); !step.done; step = sinks.next()) {
      signal?.throwIfAborted();
      const ended = step.value.end();
      if (ended) return ended.then(() => drain(sinks));
    }
    return undefined;
  };
  try {
    await output.read((bytes) => {
      signal?.throwIfAborted();
      return drain(reader.push(bytes));
    });
    signal?.throwIfAborted();
  } catch (error) {
    child.kill();
    await exited;
    throw error;
  } finally {
    output.close();
    signal?.removeEventListener('abort', stop);
  }
  const { code, error } = await exited;
  if (error) throw error;
  if (code !== 0) throw new GitError(['cat-file', '--batch'], code, Buffer.concat(stderr).toString('utf8'));
  if (reader.done < names.length) {
    throw new GitError(['cat-file', '--batch'], code, `git gave ${reader.done} of ${names.length} objects`);
  }
}

function spawnError(error: NodeJS.ErrnoException): Error {
  if (error.code === 'ENOENT') {
    return new ShipitError('git-missing', 'git is not installed or not on PATH');
  }
  return error;
}
