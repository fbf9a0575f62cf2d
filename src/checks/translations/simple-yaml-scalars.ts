// The scalars and keys of one line for parseSimpleYaml: undefined means "not the simple subset".

/** The text with the next `#` and `\\` found once per occurrence, not once per line: lines only move forward. */
export interface Scan {
  text: string;
  nextHash(from: number): number;
  nextBackslash(from: number): number;
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
// The core schema's other numbers: left to the full parser.
const OTHER_NUMBER = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0o[0-7]+|0x[0-9a-fA-F]+)$/;
/** The first characters of the core schema's nulls, booleans and numbers, by character code. */
const MAY_NOT_BE_STRING = new Uint8Array(128);
for (const char of '~nNtTfF+-.0123456789') MAY_NOT_BE_STRING[char.charCodeAt(0)] = 1;
const mayNotBeString = (plain: string): boolean => {
  const first = plain.charCodeAt(0);
  return first < 128 && MAY_NOT_BE_STRING[first] === 1;
};
const JSON_ESCAPES_ONLY = /^(?:[^\\]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*$/;

/** The key starting at `at`, and where its value starts (just past the colon). */
export function keyAt(scan: Scan, at: number, end: number): { key: string; valueAt: number } | undefined {
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
  if (key === '<<' || key === '__proto__' || !isPlainStringKey(key)) return undefined;
  return { key, valueAt: colon + 1 };
}

/** The scalar from `at` to the line's end: a string, number, boolean or null, never undefined, which declines. */
export function scalarAt(scan: Scan, at: number, end: number): unknown {
  const { text } = scan;
  const first = text[at]!;
  if (first === '"' || first === "'") {
    const quoted = quotedAt(scan, at, end);
    if (!quoted) return undefined;
    let after = quoted.end;
    while (text.charCodeAt(after) === SPACE) after++;
    // A comment must follow a space: `'text'#note` is an error in YAML.
    return after >= end || (text[after] === '#' && after > quoted.end) ? quoted.value : undefined;
  }
  if (UNSUPPORTED_START.has(first) || (first === '-' && (at + 1 === end || text.charCodeAt(at + 1) === SPACE))) {
    return undefined;
  }
  const comment = commentAt(scan, at, end);
  let stop = comment === -1 ? end : comment;
  while (stop > at && text.charCodeAt(stop - 1) === SPACE) stop--;
  const plain = text.slice(at, stop);
  if (plain.includes(': ') || plain.endsWith(':')) return undefined;
  return plainScalar(plain);
}

/** A plain scalar as the core schema resolves it, or undefined for the rarer numbers (a value is never undefined: no wrapper to allocate). */
function plainScalar(plain: string): unknown {
  // Nearly every text starts with a letter no null, boolean or number starts with: it is a string, unhashed and untested.
  if (!mayNotBeString(plain)) return plain;
  if (NULLS.has(plain)) return null;
  const boolean = BOOLEANS.get(plain);
  if (boolean !== undefined) return boolean;
  if (DECIMAL.test(plain)) return Number(plain);
  if (OTHER_NUMBER.test(plain)) return undefined;
  return plain;
}

/** A key the full parser turns back into this very string: `1` and `true` are, `1.0`, `True` and `~` are not. */
function isPlainStringKey(key: string): boolean {
  if (!mayNotBeString(key)) return true;
  const scalar = plainScalar(key);
  return scalar !== undefined && scalar !== null && String(scalar) === key;
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

export function nextFinder(text: string, needle: string): (from: number) => number {
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
