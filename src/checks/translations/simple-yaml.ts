// Locale files are almost always plain block mappings of one-line scalars.
// The full YAML parser reads those at about 3 MB/s, too slow for fifty locales
// of twenty thousand keys, so this reads that subset directly and returns
// undefined for anything else (anchors, flow or block scalars, multi-line
// values, tags, duplicate keys, odd indentation): the caller then uses `yaml`.
// It walks the text by offsets rather than splitting it: allocation is its cost.

type Tree = Record<string, unknown>;
/** The text with the next `#` and `\\` found once per occurrence, not once per line: lines only move forward. */
interface Scan {
  text: string;
  nextHash(from: number): number;
  nextBackslash(from: number): number;
}
interface Frame {
  indent: number;
  node: Tree | unknown[];
}

const SPACE = 32;
const UNSUPPORTED_START = new Set(['[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '?', ',']);
const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const BOOLEANS = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);
const DECIMAL = /^[-+]?(?:\d+|\.\d+|\d+\.\d*)(?:[eE][-+]?\d+)?$/;
const JSON_ESCAPES_ONLY = /^(?:[^\\]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*$/;

export function parseSimpleYaml(text: string): Tree | undefined {
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
  return root;
}

/** The key starting at `at`, and where its value starts (just past the colon). */
function keyAt(scan: Scan, at: number, end: number): { key: string; valueAt: number } | undefined {
  const { text } = scan;
  const first = text[at]!;
  if (first === '"' || first === "'") {
    const quoted = quotedAt(scan, at, end);
    if (!quoted || text[quoted.end] !== ':') return undefined;
    if (quoted.end + 1 < end && text.charCodeAt(quoted.end + 1) !== SPACE) return undefined;
    return { key: quoted.value, valueAt: quoted.end + 1 };
  }
  if (UNSUPPORTED_START.has(first)) return undefined;
  let colon = text.indexOf(': ', at);
  if (colon === -1 || colon >= end) colon = text[end - 1] === ':' ? end - 1 : -1;
  if (colon <= at) return undefined;
  if (commentAt(scan, at, colon) !== -1) return undefined;
  const key = text.charCodeAt(colon - 1) === SPACE ? text.slice(at, colon).trimEnd() : text.slice(at, colon);
  if (key === '<<' || key === '__proto__') return undefined;
  return { key, valueAt: colon + 1 };
}

function scalarAt(scan: Scan, at: number, end: number): { value: unknown } | undefined {
  const { text } = scan;
  const first = text[at]!;
  if (first === '"' || first === "'") {
    const quoted = quotedAt(scan, at, end);
    if (!quoted) return undefined;
    let after = quoted.end;
    while (text.charCodeAt(after) === SPACE) after++;
    return after >= end || text[after] === '#' ? { value: quoted.value } : undefined;
  }
  if (UNSUPPORTED_START.has(first) || (first === '-' && (at + 1 === end || text.charCodeAt(at + 1) === SPACE))) {
    return undefined;
  }
  const comment = commentAt(scan, at, end);
  let stop = comment === -1 ? end : comment;
  while (stop > at && text.charCodeAt(stop - 1) === SPACE) stop--;
  const plain = text.slice(at, stop);
  if (plain.includes(': ') || plain.endsWith(':')) return undefined;
  if (NULLS.has(plain)) return { value: null };
  const boolean = BOOLEANS.get(plain);
  if (boolean !== undefined) return { value: boolean };
  if (DECIMAL.test(plain)) return { value: Number(plain) };
  return { value: plain };
}

/** A quoted scalar that ends on this line, and the offset just past its closing quote. */
function quotedAt(scan: Scan, at: number, end: number): { value: string; end: number } | undefined {
  const { text } = scan;
  const quote = text[at]!;
  const close = text.indexOf(quote, at + 1);
  if (close === -1 || close >= end) return undefined;
  if (quote === "'") {
    if (text[close + 1] !== "'") return { value: text.slice(at + 1, close), end: close + 1 };
    return singleQuotedWithEscapes(text, at, end);
  }
  const backslash = scan.nextBackslash(at + 1);
  if (backslash === -1 || backslash > close) return { value: text.slice(at + 1, close), end: close + 1 };
  return doubleQuotedWithEscapes(text, at, end);
}

/** Where a ` #` comment starts between `from` and `end`, or -1. */
function commentAt(scan: Scan, from: number, end: number): number {
  for (let hash = scan.nextHash(from); hash !== -1 && hash < end; hash = scan.text.indexOf('#', hash + 1)) {
    if (scan.text.charCodeAt(hash - 1) === SPACE) return hash - 1;
  }
  return -1;
}

function nextFinder(text: string, needle: string): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found !== -1 && found < from) found = text.indexOf(needle, from);
    return found;
  };
}

function singleQuotedWithEscapes(text: string, at: number, end: number): { value: string; end: number } | undefined {
  for (let index = at + 1; ; ) {
    const close = text.indexOf("'", index);
    if (close === -1 || close >= end) return undefined;
    if (text[close + 1] !== "'") return { value: text.slice(at + 1, close).replaceAll("''", "'"), end: close + 1 };
    index = close + 2;
  }
}

function doubleQuotedWithEscapes(text: string, at: number, end: number): { value: string; end: number } | undefined {
  let index = at + 1;
  while (index < end && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
  if (index >= end) return undefined;
  const inner = text.slice(at + 1, index);
  if (!JSON_ESCAPES_ONLY.test(inner)) return undefined;
  try {
    return { value: JSON.parse(`"${inner}"`) as string, end: index + 1 };
  } catch {
    return undefined;
  }
}
