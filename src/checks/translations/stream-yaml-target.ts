// A target's YAML file handed key by key to its comparison as it is read,
// without building its flat keys first: at fifty locales, holding each
// target's keys until its last file is read cost more in garbage collection
// than reading them. Only the usual Rails file is taken this way (one root
// key naming the file's locale, a mapping under it, the fast reader's
// subset); any other is left to be read whole.
import { FlatBuilder, type Frame } from './flat-yaml.js';
import { splitKey } from './flatten.js';
import { linePieces, PIECE_BYTES } from './line-pieces.js';
import { localeTag } from './locale-path.js';
import { readSimpleYaml } from './simple-yaml.js';

/** Where a target's keys go, in file order, each as its parent (`home.cta`, '' for none) and leaf (`label`). */
export interface TargetSink {
  entry(parent: string, leaf: string, text: string): void;
}

/**
 * Hands every key of the file to `sink`, as flattening the file would list
 * them; false when the file is not one this takes, which `sink` may learn
 * only after some keys (the fast reader declines an anchor on any line). The
 * file's bytes are decoded in pieces of `pieceBytes` (a test makes them small).
 */
export function streamYamlTarget(
  file: Buffer | string,
  locale: string,
  sink: TargetSink,
  pieceBytes = PIECE_BYTES,
): boolean {
  const text = typeof file === 'string' ? file.replace(/^\ufeff/, '') : linePieces(file, pieceBytes);
  const builder = new StreamingBuilder(locale, sink);
  return Boolean(readSimpleYaml(text, builder)) && builder.rootKeys === 1 && !builder.rootScalar;
}

class StreamingBuilder extends FlatBuilder {
  rootKeys = 0;
  rootScalar = false;

  constructor(
    private readonly locale: string,
    private readonly sink: TargetSink,
  ) {
    super();
  }

  override add(frame: Frame, key: string): boolean {
    // A second root key, or one naming another locale, makes it another kind of file.
    if (frame.isRoot && (++this.rootKeys > 1 || localeTag(key) !== this.locale)) return false;
    return super.add(frame, key);
  }

  override scalar(frame: Frame, key: string, value: unknown): void {
    if (frame.isRoot) this.rootScalar = true;
    else super.scalar(frame, key, value);
  }

  /** Splits a dotted key (`a.b: text`) at its last dot, as flattening does. */
  protected override leaf(path: string, key: string, text: string): void {
    if (path !== '' && !key.includes('.')) {
      this.sink.entry(path, key, text);
      return;
    }
    const { parent, leaf } = splitKey(path === '' ? key : `${path}.${key}`);
    this.sink.entry(parent, leaf, text);
  }

  /** No plural groups are collected for a target: its mappings need not be kept once read. */
  protected override frame(root: number, path: string, isRoot: boolean): Frame {
    return { root, path, keys: [], plural: true, other: false, isRoot };
  }
}
