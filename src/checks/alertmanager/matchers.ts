// Alertmanager's own matcher syntax (the UTF-8 parser of 0.27+, which `amtool`, the UI and
// the API share): `{a="b", c!~"d.*"}` or the same list without braces, one matcher or many.
// A name or value is either double-quoted, with Go's escapes, or unquoted: any run of
// characters but whitespace and { } ! = ~ , " ' `.

export type MatchOperator = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  operator: MatchOperator;
  value: string;
  /** The matcher as written, for the report. */
  text: string;
}

/** Input that is not a list of matchers; the message says where and why. */
export class MatcherSyntaxError extends Error {}

type Token = { kind: '{' | '}' | ',' | 'operator' | 'quoted' | 'unquoted' | 'end'; text: string; start: number };

const RESERVED = /[\s{}!=~,"'`]/;

/** Parses one matcher or a list of them; throws a MatcherSyntaxError on anything Alertmanager would refuse. */
export function parseMatchers(input: string): LabelMatcher[] {
  const tokens = tokenize(input);
  let at = 0;
  const next = (): Token => tokens[at++] as Token;
  const peek = (): Token => tokens[at] as Token;
  const fail = (token: Token, expected: string): never => {
    const found = token.kind === 'end' ? 'the end' : `"${token.text}" at column ${token.start + 1}`;
    throw new MatcherSyntaxError(`expected ${expected}, found ${found}`);
  };

  const braced = peek().kind === '{';
  if (braced) next();
  const matchers: LabelMatcher[] = [];
  while (peek().kind === 'quoted' || peek().kind === 'unquoted') {
    const name = next();
    const operator = peek().kind === 'operator' ? next() : fail(peek(), 'an operator (=, !=, =~ or !~)');
    const value = peek().kind === 'quoted' || peek().kind === 'unquoted' ? next() : fail(peek(), 'a label value');
    const end = value.start + value.text.length;
    matchers.push(makeMatcher(name, operator.text as MatchOperator, value, input.slice(name.start, end)));
    if (peek().kind !== ',') break;
    next();
  }
  if (braced && next().kind !== '}') fail(tokens[at - 1] as Token, 'a comma or a closing }');
  if (peek().kind !== 'end') fail(peek(), braced ? 'the end after }' : 'a comma between matchers');
  return matchers;
}

function makeMatcher(name: Token, operator: MatchOperator, value: Token, text: string): LabelMatcher {
  const matcher = { name: unquote(name), operator, value: unquote(value), text };
  if (matcher.name === '') throw new MatcherSyntaxError('a label name cannot be empty');
  if (operator === '=~' || operator === '!~') {
    try {
      // Alertmanager anchors every regex at both ends.
      new RegExp(`^(?:${matcher.value})$`);
    } catch (error) {
      throw new MatcherSyntaxError(`${text}: invalid regular expression (${(error as Error).message})`);
    }
  }
  return matcher;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < input.length) {
    const char = input[at] as string;
    const start = at;
    if (/\s/.test(char)) at++;
    else if (char === '{' || char === '}' || char === ',') tokens.push({ kind: char, text: char, start: at++ });
    else if (char === '=' || char === '!') {
      const operator = /^(=~|!=|!~|=)/.exec(input.slice(at))?.[0];
      if (!operator) throw new MatcherSyntaxError(`expected != or !~ at column ${at + 1}`);
      tokens.push({ kind: 'operator', text: operator, start });
      at += operator.length;
    } else if (char === '"') {
      at++;
      while (at < input.length && input[at] !== '"') at += input[at] === '\\' ? 2 : 1;
      if (at >= input.length) throw new MatcherSyntaxError(`missing the closing " of the text at column ${start + 1}`);
      tokens.push({ kind: 'quoted', text: input.slice(start, ++at), start });
    } else if (!RESERVED.test(char)) {
      while (at < input.length && !RESERVED.test(input[at] as string)) at++;
      tokens.push({ kind: 'unquoted', text: input.slice(start, at), start });
    } else throw new MatcherSyntaxError(`unexpected ${char} at column ${at + 1} (quote a value that contains it)`);
  }
  tokens.push({ kind: 'end', text: '', start: input.length });
  return tokens;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};

/** The text of a token: unquoted as is, quoted with Go's escapes (as strconv.Unquote reads them). */
function unquote(token: Token): string {
  if (token.kind === 'unquoted') return token.text;
  const body = token.text.slice(1, -1);
  if (body.includes('\n')) throw new MatcherSyntaxError(`${token.text}: a quoted text cannot span lines (write \\n)`);
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (sequence, code: string) => {
    if (code.length === 1) {
      const simple = SIMPLE_ESCAPES[code];
      if (simple === undefined)
        throw new MatcherSyntaxError(`${token.text}: unknown escape ${sequence} (write \\\\ for a backslash)`);
      return simple;
    }
    const radix = /^[0-7]/.test(code) ? 8 : 16;
    const point = Number.parseInt(radix === 8 ? code : code.slice(1), radix);
    if (point > (radix === 8 ? 0xff : 0x10ffff))
      throw new MatcherSyntaxError(`${token.text}: invalid escape ${sequence}`);
    return String.fromCodePoint(point);
  });
}

const CLASSIC_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A matcher as the API's `filter` parameter takes it. The value is always quoted, so commas
 * and spaces survive; the name only when it is not a classic label name, because Alertmanager
 * before 0.27 does not read quoted names and UTF-8 names need 0.27 or later anyway.
 */
export function formatMatcher(matcher: LabelMatcher): string {
  const name = CLASSIC_NAME.test(matcher.name) ? matcher.name : quote(matcher.name);
  return `${name}${matcher.operator}${quote(matcher.value)}`;
}

const quote = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
