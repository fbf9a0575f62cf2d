// A child's output of megabytes read into one buffer used again for every
// read, with the child never held back. Through a pipe, Node reads each 64 KB
// into fresh memory: at 80 MB of `git cat-file` output that is some 20,000
// page faults (on a small VM, more than the reading itself) and as much
// garbage. And a pipe or socket holds at most a few hundred KB: while this
// process parses one megabyte blob, git can write only the start of the next,
// so each blob then waits for git to inflate the rest (idle for some 10% of
// the translations check). So the child writes to a temp file, unlinked as
// soon as it is opened (nothing is left behind, however either process ends),
// which this process reads behind it. Its pages are the kernel's file cache,
// not this process's memory, and go when both have closed it. Where no temp
// file can be made (a temp folder not writable), the pipe.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const READ_BYTES = 64 * 1024;

export interface ChildOutput {
  /** What to give the child as its stdout (`stdio`): a file descriptor, or a pipe. */
  stdio: number | 'pipe';
  /** Takes the spawned child's output. */
  attach(child: ChildProcess): void;
  /**
   * Hands each read to `onRead`, until the child's output ends. The bytes
   * are valid only until `onRead` returns, or until the promise it returns
   * settles: reading pauses meanwhile.
   */
  read(onRead: (bytes: Buffer) => Promise<void> | undefined): Promise<void>;
  /** Stops reading and lets go of the output. */
  close(): void;
}

/** A temp file the child writes and this process reads behind it, or else the plain pipe. */
export function openChildOutput(): ChildOutput {
  try {
    return fileOutput();
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

// How long to wait before reading again once caught up with the child (at the start, mostly).
const CAUGHT_UP_WAIT_MS = 1;
// About a megabyte read between turns of the event loop.
const YIELD_EVERY_READS = 16;

function fileOutput(): ChildOutput {
  const path = join(tmpdir(), `shipit-git-${randomBytes(8).toString('hex')}`);
  // Created here (never an existing file or a link), readable only by this user, and unlinked at once.
  const fd = openSync(path, 'wx+', 0o600);
  try {
    unlinkSync(path);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  let ended = false;
  let closed = false;
  return {
    stdio: fd,
    attach(child) {
      // Once the child is gone, all it wrote is in the file: what is left is read, and then the end.
      const end = () => {
        ended = true;
      };
      child.once('exit', end);
      child.once('error', end);
    },
    async read(onRead) {
      let position = 0;
      let sinceYield = 0;
      while (!closed) {
        const childEnded = ended;
        const count = readSync(fd, buffer, 0, READ_BYTES, position);
        if (count > 0) {
          position += count;
          const waiting = onRead(buffer.subarray(0, count));
          if (waiting) await waiting;
          // Megabytes may be waiting: other checks' I/O and timers get a turn now and then.
          else if (++sinceYield === YIELD_EVERY_READS) {
            sinceYield = 0;
            await new Promise(setImmediate);
          }
        } else if (childEnded) {
          return;
        } else {
          await new Promise((resolve) => setTimeout(resolve, CAUGHT_UP_WAIT_MS));
        }
      }
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}
