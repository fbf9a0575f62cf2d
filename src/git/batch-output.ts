// A child's output of megabytes read into one buffer used again for every
// read. Through a pipe, Node reads each 64 KB into fresh memory: at 80 MB of
// `git cat-file` output that is some 20,000 page faults (on a small VM, more
// than the reading itself) and as much garbage. A socket's `onread` buffer is
// reused, and child_process gives no way to set one on a child's stdout, so
// the child writes to a local socket this process reads with one. Where no
// socket can be made (a temp folder not writable, a path too long), the pipe.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const READ_BYTES = 64 * 1024;

export interface ChildOutput {
  /** What to give the child as its stdout (`stdio`). */
  stdio: Socket | 'pipe';
  /** Takes the spawned child's output. */
  attach(child: ChildProcess): void;
  /**
   * Hands each read to `onRead`, until the child closes its end. The bytes
   * are valid only until `onRead` returns, or until the promise it returns
   * settles: reading pauses meanwhile, so a slow consumer holds the child back.
   */
  read(onRead: (bytes: Buffer) => Promise<void> | undefined): Promise<void>;
  /** Stops reading and lets go of the socket. */
  close(): void;
}

/** A local socket read into one buffer, or else the plain pipe. */
export async function openChildOutput(): Promise<ChildOutput> {
  try {
    return await openOutputSocket();
  } catch {
    return pipeOutput();
  }
}

/** The child's stdout pipe, read chunk by chunk as Node allocates them. */
export function pipeOutput(): ChildOutput {
  let output: ChildProcess['stdout'] = null;
  return {
    stdio: 'pipe',
    attach(child) {
      output = child.stdout;
    },
    async read(onRead) {
      for await (const chunk of output ?? []) await onRead(chunk as Buffer);
    },
    close() {
      output?.destroy();
    },
  };
}

async function openOutputSocket(): Promise<ChildOutput> {
  const dir = await mkdtemp(join(tmpdir(), 'shipit-git-'));
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(join(dir, 'out.sock'), resolve);
    });
    let onRead: ((bytes: Buffer) => Promise<void> | undefined) | undefined;
    let failed: (error: unknown) => void = () => {};
    const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    const reader = connect({
      path: join(dir, 'out.sock'),
      onread: {
        buffer,
        callback: (count) => {
          try {
            const waiting = onRead?.(buffer.subarray(0, count));
            if (!waiting) return true;
            // Paused, so the buffer is not refilled until the consumer is done with it.
            waiting.then(() => reader.resume(), failed);
            return false;
          } catch (error) {
            failed(error);
            return false;
          }
        },
      },
    });
    const connected = new Promise<void>((resolve, reject) => {
      reader.once('connect', resolve);
      reader.once('error', reject);
    });
    const [childEnd] = await Promise.all([accepted, connected]);
    return {
      stdio: childEnd,
      // The child holds its own copy: the output ends when the child closes it.
      attach: () => childEnd.destroy(),
      read(consumer) {
        onRead = consumer;
        return new Promise<void>((resolve, reject) => {
          failed = reject;
          reader.on('error', reject);
          reader.once('end', () => resolve());
        });
      },
      close() {
        reader.destroy();
        childEnd.destroy();
      },
    };
  } finally {
    // Both ends are connected (or failed): the socket's name is no longer needed.
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
