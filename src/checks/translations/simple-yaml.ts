// Locale files are almost always plain block mappings of one-line scalars.
// The full YAML parser reads those at about 3 MB/s, too slow for fifty locales
// of twenty thousand keys, so this reads that subset directly and returns
// undefined for anything else (anchors, flow or block scalars, multi-line
// values, tags, duplicate keys, odd indentation): the caller then uses `yaml`.

type Tree = Record<string, unknown>;
interface Frame {
  indent: number;
  node: Tree | unknown[];
}

const UNSUPPORTED_START = new Set(['[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '?', ',']);
const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const BOOLEANS: Record<string, boolean> = {
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false,
};
const DECIMAL = /^[-+]?(?:\d+|\.\d+|\d+\.\d*)(?:[eE][-+]?\d+)?$/;
const JSON_ESCAPES_ONLY = /^(?:[^\\]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*$/;

export function parseSimpleYaml(text: string): Tree | undefined {
  const root: Tree = {};
  const stack: Frame[] = [{ indent: -1, node: root }];
  let pending: { parent: Tree; key: string; indent: number } | undefined;
  let sawContent = false;

  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length || line[indent] === '#') continue;
    if (line[indent] === '\t') return undefined;
    if (indent === 0 && (line.startsWith('---') || line.startsWith('...') || line.startsWith('%'))) {
      if (sawContent || !/^---\s*(#.*)?$/.test(line)) return undefined;
      continue;
    }
    sawContent = true;
    const content = line.slice(indent);
    const isItem = content === '-' || content.startsWith('- ');

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
      top = stack[stack.length - 1]!;
      if (!top) return undefined;
    }
    if (top.indent !== indent) return undefined;

    if (Array.isArray(top.node)) {
      if (!isItem) return undefined;
      const value = parseScalar(content.slice(1).trimStart(), true);
      if (value === undefined) return undefined;
      top.node.push(value.value);
      continue;
    }
    if (isItem) return undefined;

    const entry = splitKey(content);
    if (!entry || Object.hasOwn(top.node, entry.key)) return undefined;
    const rest = entry.rest.trimStart();
    if (rest === '' || rest.startsWith('#')) {
      top.node[entry.key] = null;
      pending = { parent: top.node, key: entry.key, indent };
      continue;
    }
    const value = parseScalar(rest, false);
    if (value === undefined) return undefined;
    top.node[entry.key] = value.value;
  }
  return root;
}

function splitKey(content: string): { key: string; rest: string } | undefined {
  const first = content[0]!;
  if (first === '"' || first === "'") {
    const quoted = readQuoted(content);
    if (!quoted || content[quoted.end] !== ':') return undefined;
    const after = content[quoted.end + 1];
    if (after !== undefined && after !== ' ') return undefined;
    return { key: quoted.value, rest: content.slice(quoted.end + 1) };
  }
  if (UNSUPPORTED_START.has(first)) return undefined;
  let colon = content.indexOf(': ');
  if (colon === -1 && content.endsWith(':')) colon = content.length - 1;
  if (colon <= 0) return undefined;
  const key = content.slice(0, colon).trimEnd();
  if (key === '<<' || key === '__proto__' || key.includes(' #')) return undefined;
  return { key, rest: content.slice(colon + 1) };
}

function parseScalar(text: string, inList: boolean): { value: unknown } | undefined {
  if (text === '' || text.startsWith('#')) return inList ? { value: null } : undefined;
  const first = text[0]!;
  if (first === '"' || first === "'") {
    const quoted = readQuoted(text);
    if (!quoted) return undefined;
    const tail = text.slice(quoted.end).trim();
    return tail === '' || tail.startsWith('#') ? { value: quoted.value } : undefined;
  }
  if (UNSUPPORTED_START.has(first) || text.startsWith('- ') || text === '-') return undefined;
  const comment = text.indexOf(' #');
  const plain = (comment === -1 ? text : text.slice(0, comment)).trimEnd();
  if (plain.includes(': ') || plain.endsWith(':')) return undefined;
  if (NULLS.has(plain)) return { value: null };
  if (plain in BOOLEANS) return { value: BOOLEANS[plain] };
  if (DECIMAL.test(plain)) return { value: Number(plain) };
  return { value: plain };
}

/** A quoted scalar that ends on this line, and the index just past its closing quote. */
function readQuoted(text: string): { value: string; end: number } | undefined {
  if (text[0] === "'") {
    let index = 1;
    for (;;) {
      const close = text.indexOf("'", index);
      if (close === -1) return undefined;
      if (text[close + 1] !== "'") return { value: text.slice(1, close).replaceAll("''", "'"), end: close + 1 };
      index = close + 2;
    }
  }
  let index = 1;
  let escaped = false;
  for (; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') {
      escaped = true;
      index++;
    } else if (char === '"') break;
  }
  if (index >= text.length) return undefined;
  const inner = text.slice(1, index);
  if (!escaped) return { value: inner, end: index + 1 };
  if (!JSON_ESCAPES_ONLY.test(inner)) return undefined;
  try {
    return { value: JSON.parse(`"${inner}"`) as string, end: index + 1 };
  } catch {
    return undefined;
  }
}
