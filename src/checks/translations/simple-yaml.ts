// Locale files are almost always plain block mappings of one-line scalars.
// The full YAML parser reads those at about 3 MB/s, too slow for fifty locales
// of twenty thousand keys, so this reads that subset directly and returns
// undefined for anything else (anchors, flow collections, multi-line plain
// values, tags, duplicate keys, odd indentation): the caller then uses `yaml`.
// Block scalars and quoted texts over several lines are read, as mapping values.
// It walks the text by offsets rather than splitting it: allocation is its cost.

import { LineReader, type YamlBuilder } from './line-reader.js';

type Tree = Record<string, unknown>;

/**
 * The document (null when it holds nothing, as YAML reads it), or undefined
 * when it is not the simple subset; whole or in pieces, as readSimpleYaml.
 */
export function parseSimpleYaml(text: string | Iterable<string>): Tree | null | undefined {
  return readSimpleYaml(text, treeBuilder) as Tree | null | undefined;
}

/**
 * Reads `text` through `builder`: its root, null for an empty document,
 * undefined when either declines. `text` may come in pieces (linePieces): a
 * file of megabytes is then never one string. A piece may end anywhere; the
 * line it leaves unfinished, or a value over lines that may go on, is read
 * again with the next piece, so pieces cut at line ends read nearly nothing twice.
 */
export function readSimpleYaml<Node>(
  text: string | Iterable<string>,
  builder: YamlBuilder<Node>,
): Node | null | undefined {
  const reader = new LineReader(builder);
  let rest = '';
  if (typeof text === 'string') rest = text;
  else {
    for (const piece of text) {
      const lines = rest === '' ? piece : rest + piece;
      const stop = reader.read(lines, false);
      if (stop === undefined) return undefined;
      rest = stop === lines.length ? '' : lines.slice(stop);
    }
  }
  return reader.read(rest, true) === undefined ? undefined : reader.result();
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
