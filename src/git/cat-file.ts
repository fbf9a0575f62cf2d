import { spawn } from 'node:child_process';
import { ShipitError } from '../errors.js';
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
 * Hands each blob to `onBlob`, in the order of `names`, as git writes it:
 * fifty locale files of a megabyte are parsed one by one and dropped, never
 * held together with git's whole output. `onBlob` may be async; reading
 * pauses until it settles, so a slow consumer bounds the memory used.
 */
export async function streamBlobs(
  cwd: string,
  names: string[],
  onBlob: (index: number, content: Buffer | null) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  if (names.length === 0) return;
  signal?.throwIfAborted();
  const child = spawn('git', ['cat-file', '--batch'], {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  // Settles once, never rejects: a spawn failure is reported after the output loop.
  const exited = new Promise<{ code: number; error?: Error }>((resolve) => {
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: -1, error: spawnError(error) }));
    child.on('close', (code) => resolve({ code: code ?? -1 }));
  });
  // Stopping is the caller's: its signal's reason (a timeout, Ctrl-C) is what it throws.
  const stop = () => child.kill();
  signal?.addEventListener('abort', stop, { once: true });
  // Git may exit before reading all its input (a bad repository): its exit code tells the story.
  child.stdin.on('error', () => {});
  child.stdin.end(`${names.join('\n')}\n`);

  const reader = new BatchReader(names.length);
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      for (const blob of reader.push(chunk)) {
        signal?.throwIfAborted();
        await onBlob(blob.index, blob.content);
      }
    }
    signal?.throwIfAborted();
  } catch (error) {
    child.kill();
    await exited;
    throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  const { code, error } = await exited;
  if (error) throw error;
  if (code !== 0) throw new GitError(['cat-file', '--batch'], code, Buffer.concat(stderr).toString('utf8'));
  if (reader.done < names.length) {
    throw new GitError(['cat-file', '--batch'], code, `git gave ${reader.done} of ${names.length} objects`);
  }
}

/** Splits `git cat-file --batch` output (`<sha> <type> <size>\n<content>\n`, or `<name> missing\n`) as it comes. */
class BatchReader {
  done = 0;
  private pending: Buffer = Buffer.alloc(0);
  /** The blob being filled, when its header is read but not all its bytes. */
  private body: { content: Buffer | null; filled: number; size: number } | undefined;

  constructor(private readonly expected: number) {}

  *push(chunk: Buffer): Generator<{ index: number; content: Buffer | null }> {
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (data.length && this.done < this.expected) {
      if (this.body) {
        const { body } = this;
        // The content, then the newline git ends every object with.
        const wanted = body.size + 1 - body.filled;
        const taken = Math.min(wanted, data.length);
        const contentBytes = Math.min(taken, body.size - body.filled);
        if (body.content && contentBytes > 0) data.copy(body.content, body.filled, 0, contentBytes);
        body.filled += taken;
        data = data.subarray(taken);
        if (body.filled === body.size + 1) {
          this.body = undefined;
          yield { index: this.done++, content: body.content };
        }
        continue;
      }
      const headerEnd = data.indexOf(10);
      if (headerEnd === -1) break;
      const header = data.subarray(0, headerEnd).toString();
      data = data.subarray(headerEnd + 1);
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        yield { index: this.done++, content: null };
        continue;
      }
      const [, type, size] = header.split(' ');
      const length = Number(size);
      this.body = { content: type === 'blob' ? Buffer.allocUnsafe(length) : null, filled: 0, size: length };
    }
    if (data.length) this.pending = Buffer.from(data);
  }
}

function spawnError(error: NodeJS.ErrnoException): Error {
  if (error.code === 'ENOENT') {
    return new ShipitError('git-missing', 'git is not installed or not on PATH');
  }
  return error;
}
