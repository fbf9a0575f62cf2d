const ICU_NAME = /^[\w.$-]+$/;
const ICU_BRANCHING = new Set(['plural', 'select', 'selectordinal']);

/** An ICU `plural` or `selectordinal` argument and the categories it offers (`=0` exact matches left out). */
export interface IcuPlural {
  argument: string;
  ordinal: boolean;
  categories: string[];
}

/** Adds `{name}` for every argument of the ICU message `text` to `found`; returns its plural arguments. */
export function collectIcuArguments(text: string, found: Set<string>): IcuPlural[] {
  const scanner = new IcuScanner(text, found);
  scanner.scanAll();
  return scanner.plurals;
}

// Just enough of ICU MessageFormat to tell arguments (`{name}`, `{count, plural, …}`)
// from the sub-messages of plural and select (`one {# item}`), which are not arguments.
class IcuScanner {
  readonly plurals: IcuPlural[] = [];
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
    const plural = { argument: name, ordinal: type === 'selectordinal', categories: [] as string[] };
    if (type !== 'select') this.plurals.push(plural);
    for (;;) {
      this.skipSpaces();
      if (this.index >= this.text.length || this.take('}')) return;
      const selector = this.word(/[\s{}]/);
      if (!selector.startsWith('=') && !selector.startsWith('offset:')) plural.categories.push(selector);
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
