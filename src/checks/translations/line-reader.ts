// The fast reader's walk over lines (see simple-yaml.ts), kept between the
// pieces of a file: the mappings open, and a key whose value is still to come.
import { blockScalarAt } from './block-scalar.js';
import { endsWithin } from './line-pieces.js';
import { quotedLinesAt } from './quoted-lines.js';
import { keyAt, nextFinder, type Scan, scalarAt } from './simple-yaml-scalars.js';

/** What the reader builds, one line at a time: a tree here, flat keys in flat-yaml.ts. */
export interface YamlBuilder<Node> {
  root(): Node;
  /** Adds `key` to the mapping `node`; false declines the document (a key given twice). */
  add(node: Node, key: string): boolean;
  /** The value of `key`, last added to `node`: a scalar, or null for nothing. */
  scalar(node: Node, key: string, value: unknown): void;
  mapping(node: Node, key: string): Node;
  /** A list under `key`, or undefined to decline the document. */
  list(node: Node, key: string): Node | undefined;
  item(list: Node, value: unknown): void;
}

interface Frame<Node> {
  indent: number;
  node: Node;
  isList: boolean;
}

const SPACE = 32;

/** The reader's state between pieces: the mappings open, and a key whose value is on the lines to come. */
export class LineReader<Node> {
  private readonly root: Node;
  private readonly stack: Frame<Node>[];
  private pending: { parent: Node; key: string; indent: number } | undefined;
  private sawContent = false;

  constructor(private readonly builder: YamlBuilder<Node>) {
    this.root = builder.root();
    this.stack = [{ indent: -1, node: this.root, isList: false }];
  }

  result(): Node | null {
    if (this.pending) this.builder.scalar(this.pending.parent, this.pending.key, null);
    return this.sawContent ? this.root : null;
  }

  /**
   * Reads the lines of `text`, and returns where the lines it leaves for more
   * text start (text.length when none), or undefined to decline. Unless
   * `last`, a line with no line break and a value over lines that may go on
   * past `text` are left: nothing of them has reached the builder.
   */
  read(text: string, last: boolean): number | undefined {
    const { builder, stack } = this;
    const scan: Scan = { text, nextHash: nextFinder(text, '#'), nextBackslash: nextFinder(text, '\\') };
    for (let lineStart = 0; lineStart < text.length; ) {
      const start = lineStart;
      let next = text.indexOf('\n', lineStart);
      if (next === -1) {
        if (!last) return start;
        next = text.length;
      }
      const end = text.charCodeAt(next - 1) === 13 ? next - 1 : next;
      let at = lineStart;
      while (text.charCodeAt(at) === SPACE) at++;
      const indent = at - lineStart;
      lineStart = next + 1;
      if (at === end || text[at] === '#') continue;
      if (text[at] === '\t') return undefined;
      if (indent === 0 && (text.startsWith('---', at) || text.startsWith('...', at) || text[at] === '%')) {
        if (this.sawContent || !/^---\s*(#.*)?$/.test(text.slice(at, end))) return undefined;
        continue;
      }
      this.sawContent = true;
      const isItem = text[at] === '-' && (at + 1 === end || text.charCodeAt(at + 1) === SPACE);

      const { pending } = this;
      if (pending) {
        if (isItem && indent >= pending.indent) {
          const list = builder.list(pending.parent, pending.key);
          if (list === undefined) return undefined;
          stack.push({ indent, node: list, isList: true });
        } else if (indent > pending.indent) {
          stack.push({ indent, node: builder.mapping(pending.parent, pending.key), isList: false });
        } else {
          builder.scalar(pending.parent, pending.key, null);
        }
        this.pending = undefined;
      }
      if (stack.length === 1 && stack[0]!.indent === -1) stack[0]!.indent = indent;

      let top = stack[stack.length - 1]!;
      while (top.indent > indent || (top.indent === indent && top.isList && !isItem)) {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (!parent) return undefined;
        top = parent;
      }
      if (top.indent !== indent) return undefined;

      if (top.isList) {
        if (!isItem) return undefined;
        let valueAt = at + 1;
        while (text.charCodeAt(valueAt) === SPACE) valueAt++;
        if (valueAt === end || text[valueAt] === '#') {
          builder.item(top.node, null);
          continue;
        }
        const value = scalarAt(scan, valueAt, end);
        if (value === undefined) return undefined;
        builder.item(top.node, value);
        continue;
      }
      if (isItem) return undefined;

      const entry = keyAt(scan, at, end);
      if (!entry) return undefined;
      let valueAt = entry.valueAt;
      while (text.charCodeAt(valueAt) === SPACE) valueAt++;
      if (valueAt >= end || text[valueAt] === '#') {
        if (!builder.add(top.node, entry.key)) return undefined;
        this.pending = { parent: top.node, key: entry.key, indent };
        continue;
      }
      const value = scalarAt(scan, valueAt, end);
      // Read again with more text: what this line did so far (open a mapping, close others) holds as it is.
      if (value === undefined && !last && !endsWithin(text, valueAt, lineStart, indent)) return start;
      if (!builder.add(top.node, entry.key)) return undefined;
      if (value !== undefined) {
        builder.scalar(top.node, entry.key, value);
        continue;
      }
      const lines = multiLineValueAt(text, valueAt, end, lineStart, indent);
      if (lines === undefined) return undefined;
      builder.scalar(top.node, entry.key, lines.value);
      lineStart = lines.resume;
    }
    return text.length;
  }
}

/** A value over several lines (a block scalar, a quoted text), and where the line after it starts. */
function multiLineValueAt(text: string, at: number, end: number, next: number, indent: number) {
  const first = text[at];
  if (first === '|' || first === '>') return blockScalarAt(text, at, end, next, indent);
  return first === '"' || first === "'" ? quotedLinesAt(text, at, indent) : undefined;
}
