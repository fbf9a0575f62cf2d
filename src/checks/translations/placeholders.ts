import { collectIcuArguments } from './icu-arguments.js';
import { pluralsOf } from './plural-rules.js';

// The variables a message interpolates, written as in the message so that a
// translation using another syntax (`{name}` for `%{name}`) counts as a mismatch:
// the library would print it literally.

const RAILS = /%\{([^{}\s]+)\}|%<([^<>\s]+)>/g;
const I18NEXT = /\{\{\s*-?\s*([^{},\s]+)[^{}]*\}\}/g;

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
  if (rest.includes('{')) collectIcuArguments(rest, found);
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

/** `{count} lacks few, many` for each ICU plural of `text` without a form `locale` needs for whole numbers. */
export function icuPluralsLackingForms(text: string, locale: string): string[] {
  if (!text.includes('plural')) return [];
  return collectIcuArguments(text, new Set()).flatMap((plural) => {
    const { required } = pluralsOf(locale, plural.ordinal ? 'ordinal' : 'cardinal');
    const lacking = required.filter((category) => !plural.categories.includes(category));
    return lacking.length ? [`{${plural.argument}} lacks ${lacking.join(', ')}`] : [];
  });
}
