// The objects in `git cat-file --batch` output, told apart as the output
// comes, cut anywhere: each object's bytes go to its own sink, never copied.
import { GitError } from './git.js';

/** Where one blob's bytes go as git writes them. */
export interface BlobSink {
  /** The blob's next bytes: a view of git's output, valid only during the call. */
  write(bytes: Buffer): void;
  /** Every byte is written (none for a missing blob); reading pauses until what it returns settles. */
  end(): void | Promise<void>;
}

/**
 * Splits `git cat-file --batch` output (`<sha> <type> <size>\n<content>\n`,
 * or `<name> missing\n`) cut anywhere, writing each blob's bytes to its sink
 * (never copied); yields each sink once its blob is whole.
 */
export class BatchReader {
  done = 0;
  /** The start of a header the last chunk cut. */
  private header: Buffer | undefined;
  /** The object being read: its sink, and the bytes still to come, its content then the newline ending it. */
  private body: { sink: BlobSink; blob: boolean; left: number } | undefined;

  constructor(
    private readonly expected: number,
    private readonly open: (index: number, size: number | null) => BlobSink,
  ) {}

  *push(chunk: Buffer): Generator<BlobSink> {
    let data = chunk;
    while (data.length && this.done < this.expected) {
      const { body } = this;
      if (body) {
        const taken = Math.min(body.left, data.length);
        // The content, then the newline git ends every object with.
        const contentBytes = Math.min(taken, body.left - 1);
        if (body.blob && contentBytes > 0) body.sink.write(data.subarray(0, contentBytes));
        body.left -= taken;
        data = data.subarray(taken);
        if (body.left === 0) {
          this.body = undefined;
          this.done++;
          yield body.sink;
        }
        continue;
      }
      const newline = data.indexOf(10);
      const line = data.subarray(0, newline === -1 ? data.length : newline);
      // A header the chunk cuts is kept; only its own bytes are joined with the next chunk's.
      const header = this.header ? Buffer.concat([this.header, line]) : line;
      if (newline === -1) {
        this.header = Buffer.from(header);
        return;
      }
      this.header = undefined;
      data = data.subarray(newline + 1);
      const missing = this.start(header.toString());
      if (missing) yield missing;
    }
  }

  /** Opens the object a header names; a missing one is whole at once, and returned. */
  private start(header: string): BlobSink | undefined {
    const index = this.done;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      this.done++;
      return this.open(index, null);
    }
    const [, type, sizeText] = header.split(' ');
    const size = Number(sizeText);
    // Output out of step with its headers would be read as garbage, or never end.
    if (!Number.isSafeInteger(size) || size < 0)
      throw new GitError(['cat-file', '--batch'], -1, `odd header: ${header}`);
    const blob = type === 'blob';
    this.body = { sink: this.open(index, blob ? size : null), blob, left: size + 1 };
    return undefined;
  }
}
