// A YAML locale file read straight into flat keys, without a tree: building
// twenty thousand nested objects per file and walking them again cost more
// than reading the text. Same subset as parseSimpleYaml, minus lists and
// FormatJS `defaultMessage` objects (declined: the tree reader takes those).

import type { YamlBuilder } from './line-reader.js';
import { PLURAL_CATEGORIES } from './plural-rules.js';
import { readSimpleYaml } from './simple-yaml.js';

/** A value at the root of the document that is a mapping, its keys being in the document's arrays. */
const MAPPING = Symbol('mapping');

/**
 * Every leaf of the document in order, as the path of its mapping below its
 * root key (`home` for `en: home: title:`, '' for `en: title:` and for `title:`
 * at the root), its key and its text; the keys of one mapping share one path
 * string. Relative to the root key, because a root key names the locale
 * (`en:`) far more often than it is a key of its own.
 */
export class FlatYamlDocument {
  paths: string[] = [];
  keys: string[] = [];
  texts: string[] = [];
  /** The mappings whose keys are all plural categories, `other` among them: root (-1 for the document) and path. */
  readonly plurals: { root: number; path: string }[] = [];
  readonly rootKeys: string[] = [];
  /** Where the leaves under each root key start. */
  readonly rootStarts: number[] = [];
  readonly rootValues: unknown[] = [];
  /** Per root key, whether a key below it has a dot (`a.b: text`), which flattening splits. */
  readonly dotted: boolean[] = [];

  /** The path of a mapping from the document root: `en.home`. */
  fullPath(root: number, path: string): string {
    if (root === -1 || this.rootValues[root] !== MAPPING) return path;
    return path === '' ? this.rootKeys[root]! : `${this.rootKeys[root]}.${path}`;
  }

  /** The root's keys and values, as Object.entries gives them for a tree. */
  rootEntries(): [string, unknown][] {
    return this.rootKeys.map((key, root) => {
      const value = this.rootValues[root];
      return [key, value === MAPPING ? new FlatYamlTree(this, root) : value];
    });
  }
}

/** The document (root -1), or the mapping under one of its root keys, standing for a tree. */
export class FlatYamlTree {
  constructor(
    readonly document: FlatYamlDocument,
    readonly root: number,
  ) {}
}

/** The document (whole or in pieces) as flat keys, null when it holds nothing, or undefined when the tree reader must take it. */
export function readFlatYaml(text: string | Iterable<string>): FlatYamlTree | null | undefined {
  const builder = new FlatBuilder();
  const root = readSimpleYaml(text, builder);
  if (!root) return root;
  for (const { plural, other, root, path } of builder.frames) {
    if (plural && other) builder.document.plurals.push({ root, path });
  }
  return new FlatYamlTree(builder.document, -1);
}

export interface Frame {
  /** The root key the mapping is under, -1 for the document itself. */
  root: number;
  path: string;
  /** Keys seen, to refuse a repeated one: an array while small, a set past that. */
  keys: string[] | Set<string>;
  /** Every key so far is a plural category holding text. */
  plural: boolean;
  other: boolean;
  isRoot: boolean;
}

const SMALL = 16;
const INTEGER = /^(?:0|[1-9]\d*)$/;
const isDigit = (key: string): boolean => key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57;

export class FlatBuilder implements YamlBuilder<Frame> {
  readonly document = new FlatYamlDocument();
  readonly frames: Frame[] = [];

  root(): Frame {
    return this.frame(-1, '', true);
  }

  add(frame: Frame, key: string): boolean {
    // An empty key or one ending in `:` is joined differently by flattenInto, and an object lists
    // integer keys (`1:`) first: the tree reader keeps those exact.
    if (key === 'defaultMessage' || key === '' || key.endsWith(':') || (isDigit(key) && INTEGER.test(key)))
      return false;
    const { keys } = frame;
    if (Array.isArray(keys)) {
      if (keys.includes(key)) return false;
      keys.push(key);
      if (keys.length > SMALL) frame.keys = new Set(keys);
    } else {
      if (keys.has(key)) return false;
      keys.add(key);
    }
    if (!frame.isRoot && key.includes('.')) this.document.dotted[frame.root] = true;
    // Only a short key can be a plural category: the others are not hashed for the lookup.
    if (key.length > 5 || !PLURAL_CATEGORIES.has(key)) frame.plural = false;
    else if (key === 'other') frame.other = true;
    return true;
  }

  scalar(frame: Frame, key: string, value: unknown): void {
    if (frame.isRoot) this.addRoot(key, value);
    this.leaf(frame.path, key, value === null ? '' : typeof value === 'string' ? value : String(value));
  }

  /** A leaf in document order, under the mapping at `path`. */
  protected leaf(path: string, key: string, text: string): void {
    const { document } = this;
    document.paths.push(path);
    document.keys.push(key);
    document.texts.push(text);
  }

  mapping(frame: Frame, key: string): Frame {
    frame.plural = false;
    if (frame.isRoot) return this.frame(this.addRoot(key, MAPPING), '', false);
    return this.frame(frame.root, frame.path === '' ? key : `${frame.path}.${key}`, false);
  }

  list(): undefined {
    return undefined;
  }

  item(): void {}

  protected addRoot(key: string, value: unknown): number {
    const { document } = this;
    document.rootStarts.push(document.texts.length);
    document.rootValues.push(value);
    document.dotted.push(false);
    return document.rootKeys.push(key) - 1;
  }

  protected frame(root: number, path: string, isRoot: boolean): Frame {
    const frame = { root, path, keys: [], plural: true, other: false, isRoot };
    this.frames.push(frame);
    return frame;
  }
}
