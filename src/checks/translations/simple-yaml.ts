// Locale files are almost always plain block mappings of one-line scalars.
// The full YAML parser reads those at about 3 MB/s, too slow for fifty locales
// of twenty thousand keys, so this reads that subset directly and returns
// undefined for anything else (anchors, flow or block scalars, multi-line
// values, tags, duplicate keys, odd indentation): the caller then uses `yaml`.
// It walks the text by offsets rather than splitting it: allocation is its cost.

import { keyAt, nextFinder, type Scan, scalarAt } from './simple-yaml-scalars.js';

type Tree = Record<string, unknown>;
interface Frame {
  indent: number;
  node: Tree | unknown[];
}

const SPACE = 32;

/** The document (null when it holds nothing, as YAML reads it), or undefined when it is not the simple subset. */
export function parseSimpleYaml(text: string): Tree | null | undefined {
  const scan: Scan = { text, nextHash: nextFinder(text, '#'), nextBackslash: nextFinder(text, '\\') };
  const root: Tree = {};
  const stack: Frame[] = [{ indent: -1, node: root }];
  let pending: { parent: Tree; key: string; indent: number } | undefined;
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
        const list: unknown[] = [];
        pending.parent[pending.key] = list;
        stack.push({ indent, node: list });
      } else if (indent > pending.indent) {
        const child: Tree = {};
        pending.parent[pending.key] = child;
        stack.push({ indent, node: child });
      }
      pending = undefined;
    }
    if (stack.length === 1 && stack[0]!.indent === -1) stack[0]!.indent = indent;

    let top = stack[stack.length - 1]!;
    while (top.indent > indent || (top.indent === indent && Array.isArray(top.node) && !isItem)) {
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) return undefined;
      top = parent;
    }
    if (top.indent !== indent) return undefined;

    if (Array.isArray(top.node)) {
      if (!isItem) return undefined;
      let valueAt = at + 1;
      while (text.charCodeAt(valueAt) === SPACE) valueAt++;
      if (valueAt === end || text[valueAt] === '#') {
        top.node.push(null);
        continue;
      }
      const value = scalarAt(scan, valueAt, end);
      if (value === undefined) return undefined;
      top.node.push(value.value);
      continue;
    }
    if (isItem) return undefined;

    const entry = keyAt(scan, at, end);
    if (!entry || Object.hasOwn(top.node, entry.key)) return undefined;
    let valueAt = entry.valueAt;
    while (text.charCodeAt(valueAt) === SPACE) valueAt++;
    if (valueAt >= end || text[valueAt] === '#') {
      top.node[entry.key] = null;
      pending = { parent: top.node, key: entry.key, indent };
      continue;
    }
    const value = scalarAt(scan, valueAt, end);
    if (value === undefined) return undefined;
    top.node[entry.key] = value.value;
  }
  return sawContent ? root : null;
}
