// The variables a message interpolates, written as in the message so that a
// translation using another syntax (`{name}` for `%{name}`) counts as a mismatch:
// the library would print it literally.

const RAILS = /%\{([^{}\s]+)\}|%<([^<>\s]+)>/g;
const I18NEXT = /\{\{\s*-?\s*([^{},\s]+)[^{}]*\}\}/g;
const ICU_NAME = /^[\w.$-]+$/;
const ICU_BRANCHING = new Set(['plural', 'select', 'selectordinal']);

/** The placeholders of `text`, sorted and unique: `%{name}`, `%<name>`, `{{name}}`, `{name}` (ICU). */
export function placeholdersOf(text: string): string[] {
  if (!text.includes('{') && !text.includes('%<')) return [];
  const simple = simpleRailsPlaceholders(text);
  if (simple) return simple;
  const found = new Set<string>();
  const rest = text
    .replace(RAILS, (_, rails: string | undefined, format: string | undefined) => {
      found.add(rails ? `%{${rails}}` : `%<${format}>`);
      return '';
    })
    .replace(I18NEXT, (_, name: string) => {
      found.add(`{{${name}}}`);
      return '';
    });
  if (rest.includes('{')) new IcuScanner(rest, found).scanAll();
  return [...found].sort();
}

/** The placeholders of a text whose only braces are `%{name}`, found without regular expressions; else undefined. */
function simpleRailsPlaceholders(text: string): string[] | undefined {
  if (text.includes('%<')) return undefined;
  const found: string[] = [];
  for (let open = text.indexOf('{'); open !== -1; open = text.indexOf('{', open + 1)) {
    const close = text.indexOf('}', open);
    if (text[open - 1] !== '%' || close === -1) return undefined;
    const name = text.slice(open + 1, close);
    if (name === '' || /[\s{]/.test(name)) return undefined;
    const token = `%{${name}}`;
    if (!found.includes(token)) found.push(token);
  }
  return found.sort();
}

/**
 * True when `text` holds exactly the `expected` placeholders, answered without
 * parsing for the usual case (each token present once, no other brace);
 * undefined when only `placeholdersOf` can tell.
 */
export function hasExactlyPlaceholders(expected: readonly string[], text: string): boolean | undefined {
  if (text.includes('%<')) return undefined;
  let expectedBraces = 0;
  for (const token of expected) {
    const at = text.indexOf(token);
    if (at === -1 || token.startsWith('%<')) return undefined;
    if (token.startsWith('{{')) expectedBraces += 2;
    else if (token.startsWith('%')) expectedBraces += 1;
    else if (text[at - 1] === '%' || text[at - 1] === '{' || text[at + token.length] === '}') return undefined;
    else expectedBraces += 1;
  }
  let braces = 0;
  for (let index = text.indexOf('{'); index !== -1; index = text.indexOf('{', index + 1)) braces++;
  return braces === expectedBraces ? true : undefined;
}

/** Placeholders one side has and the other lacks, as `missing %{a}; extra {b}`, or '' when they agree. */
export function describePlaceholderMismatch(source: string[], target: string[]): string {
  const missing = source.filter((token) => !target.includes(token));
  const extra = target.filter((token) => !source.includes(token));
  const parts = [];
  if (missing.length) parts.push(`missing ${missing.join(' ')}`);
  if (extra.length) parts.push(`extra ${extra.join(' ')}`);
  return parts.join('; ');
}

// Just enough of ICU MessageFormat to tell arguments (`{name}`, `{count, plural, …}`)
// from the sub-messages of plural and select (`one {# item}`), which are not arguments.
class IcuScanner {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly found: Set<string>,
  ) {}

  scanAll(): void {
    while (this.index < this.text.length) {
      this.message();
      this.index++;
    }
  }

  /** Scans up to the `}` closing the enclosing sub-message, or the end. */
  private message(): void {
    const { text } = this;
    while (this.index < text.length) {
      const char = text[this.index];
      if (char === '}') return;
      if (char === '{') {
        this.index++;
        this.argument();
      } else if (char === "'" && "{}#'".includes(text[this.index + 1] ?? '')) {
        // ICU quoting: '' is an apostrophe, '{…' a literal brace up to the next quote.
        const close = text[this.index + 1] === "'" ? this.index + 1 : text.indexOf("'", this.index + 1);
        this.index = close === -1 ? text.length : close + 1;
      } else {
        this.index++;
      }
    }
  }

  private argument(): void {
    const name = this.word(/[\s,{}]/);
    if (ICU_NAME.test(name)) this.found.add(`{${name}}`);
    if (this.take('}')) return;
    if (!this.take(',')) {
      this.skipArgument();
      return;
    }
    const type = this.word(/[\s,{}]/);
    if (this.take('}')) return;
    if (!this.take(',') || !ICU_BRANCHING.has(type)) {
      this.skipArgument();
      return;
    }
    for (;;) {
      this.skipSpaces();
      if (this.index >= this.text.length || this.take('}')) return;
      const selector = this.word(/[\s{}]/);
      this.skipSpaces();
      if (this.take('{')) {
        this.message();
        this.take('}');
      } else if (!selector.startsWith('offset:')) {
        this.skipArgument();
        return;
      }
    }
  }

  private skipArgument(): void {
    let depth = 1;
    for (; this.index < this.text.length; this.index++) {
      const char = this.text[this.index];
      if (char === '{') depth++;
      else if (char === '}' && --depth === 0) {
        this.index++;
        return;
      }
    }
  }

  private word(stop: RegExp): string {
    this.skipSpaces();
    const start = this.index;
    while (this.index < this.text.length && !stop.test(this.text[this.index]!)) this.index++;
    return this.text.slice(start, this.index);
  }

  private skipSpaces(): void {
    while (/\s/.test(this.text[this.index] ?? '')) this.index++;
  }

  private take(char: string): boolean {
    this.skipSpaces();
    if (this.text[this.index] !== char) return false;
    this.index++;
    return true;
  }
}
