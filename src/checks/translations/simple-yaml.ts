// Locale files are almost always plain block mappings of one-line scalars.
// The full YAML parser reads those at about 3 MB/s, too slow for fifty locales
// of twenty thousand keys, so this reads that subset directly and returns
// undefined for anything else (anchors, flow collections, multi-line plain
// values, tags, duplicate keys, odd indentation): the caller then uses `yaml`.
// Block scalars and quoted texts over several lines are read, as mapping values.
// It walks the text by offsets rather than splitting it: allocation is its cost.

import { blockScalarAt } from './block-scalar.js';
import { quotedLinesAt } from './quoted-lines.js';
import { keyAt, nextFinder, type Scan, scalarAt } from './simple-yaml-scalars.js';

type Tree = Record<string, unknown>;

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

/** The document (null when it holds nothing, as YAML reads it), or undefined when it is not the simple subset. */
export function parseSimpleYaml(text: string): Tree | null | undefined {
  return readSimpleYaml(text, treeBuilder) as Tree | null | undefined;
}

/** Reads `text` through `builder`: its root, null for an empty document, undefined when either declines. */
export function readSimpleYaml<Node>(text: string, builder: YamlBuilder<Node>): Node | null | undefined {
  const scan: Scan = { text, nextHash: nextFinder(text, '#'), nextBackslash: nextFinder(text, '\\') };
  const root = builder.root();
  const stack: Frame<Node>[] = [{ indent: -1, node: root, isList: false }];
  let pending: { parent: Node; key: string; indent: number } | undefined;
  let sawContent = false;

  for (let lineStart = 0; lineStart < text.length; ) {
    let next = text.indexOf('\n', lineStart);
    if (next === -1) next = text.length;
    const end = text.charCodeAt(next - 1) === 13 ? next - 1 : next;
    let at = lineStart;
    while (text.charCodeAt(at) === SPACE) at++;
    const indent = at - lineStart;
    lineStart = next + 1;
    if (at === end || text[at] === '#') continue;
    if (text[at] === '\t') return undefined;
    if (indent === 0 && (text.startsWith('---', at) || text.startsWith('...', at) || text[at] === '%')) {
      if (sawContent || !/^---\s*(#.*)?$/.test(text.slice(at, end))) return undefined;
      continue;
    }
    sawContent = true;
    const isItem = text[at] === '-' && (at + 1 === end || text.charCodeAt(at + 1) === SPACE);

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
      pending = undefined;
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
      builder.item(top.node, value.value);
      continue;
    }
    if (isItem) return undefined;

    const entry = keyAt(scan, at, end);
    if (!entry || !builder.add(top.node, entry.key)) return undefined;
    let valueAt = entry.valueAt;
    while (text.charCodeAt(valueAt) === SPACE) valueAt++;
    if (valueAt >= end || text[valueAt] === '#') {
      pending = { parent: top.node, key: entry.key, indent };
      continue;
    }
    const value = scalarAt(scan, valueAt, end);
    if (value !== undefined) {
      builder.scalar(top.node, entry.key, value.value);
      continue;
    }
    const lines = multiLineValueAt(text, valueAt, end, lineStart, indent);
    if (lines === undefined) return undefined;
    builder.scalar(top.node, entry.key, lines.value);
    lineStart = lines.resume;
  }
  if (pending) builder.scalar(pending.parent, pending.key, null);
  return sawContent ? root : null;
}

/** A value over several lines (a block scalar, a quoted text), and where the line after it starts. */
function multiLineValueAt(text: string, at: number, end: number, next: number, indent: number) {
  const first = text[at];
  if (first === '|' || first === '>') return blockScalarAt(text, at, end, next, indent);
  return first === '"' || first === "'" ? quotedLinesAt(text, at, indent) : undefined;
}

// Null-prototype objects start as dictionaries: locale keys are nearly all
// distinct, and giving each object its own hidden class per key costs more than the parse.
const newMapping = (): Tree => Object.create(null) as Tree;

type TreeNode = Tree | unknown[];

const treeBuilder: YamlBuilder<TreeNode> = {
  root: newMapping,
  add(node, key) {
    if (Object.hasOwn(node, key)) return false;
    (node as Tree)[key] = null;
    return true;
  },
  scalar(node, key, value) {
    (node as Tree)[key] = value;
  },
  mapping(node, key) {
    const child = newMapping();
    (node as Tree)[key] = child;
    return child;
  },
  list(node, key) {
    const list: unknown[] = [];
    (node as Tree)[key] = list;
    return list;
  },
  item(list, value) {
    (list as unknown[]).push(value);
  },
};
