import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DOCS = join(ROOT, 'docs');

/** README.md and every page under docs/, by path relative to the repository root. */
export function readPages(): Map<string, string> {
  const pages = new Map([['README.md', readFileSync(join(ROOT, 'README.md'), 'utf8')]]);
  for (const file of readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .sort()) {
    pages.set(`docs/${file}`, readFileSync(join(DOCS, file), 'utf8'));
  }
  return pages;
}

/** The text of a page outside fenced code blocks: examples do not document anything on their own. */
export function prose(markdown: string): string {
  return markdown.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** Every inline code span of the page's prose, without its backticks. */
export function codeSpans(markdown: string): string[] {
  return [...prose(markdown).matchAll(/(`+)([^`]+?)\1/g)].map((match) => (match[2] as string).trim());
}

/**
 * The part of a page under the heading that names `title` as a code span (e.g.
 * "#### `ci-status`"), up to the next heading of the same or a higher level.
 */
export function section(markdown: string, title: string): string | undefined {
  const lines = prose(markdown).split('\n');
  const naming = (line: string) => /^#{1,6} /.test(line) && line.includes(`\`${title}\``);
  // "#### `http`" rather than "### Incidents and infrastructure: `http`, `statuspage`, …".
  const own = lines.findIndex((line) => naming(line) && codeSpans(line).length === 1);
  const start = own === -1 ? lines.findIndex(naming) : own;
  if (start === -1) return undefined;
  const level = (lines[start] as string).indexOf(' ');
  const end = lines.findIndex((line, index) => {
    if (index <= start) return false;
    const heading = /^(#{1,6}) /.exec(line);
    return heading !== null && (heading[1] as string).length <= level;
  });
  return lines.slice(start, end === -1 ? undefined : end).join('\n');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A key is documented by a code span that is the key itself or a dotted path ending in it (`github.baseUrl`). */
export const namesKey = (span: string, key: string) => span === key || span.endsWith(`.${key}`);

/** A nested key may be documented inside a larger span: `{ warn?: n, fail?: n }`, `matches: 'regex'`. */
export const mentionsKey = (span: string, key: string) =>
  namesKey(span, key) || new RegExp(`(^|[^\\w.-])${escapeRegExp(key)}(?![\\w-])`).test(span);

/** An option as it is written in a span: `--lock-wait <duration>`, `-x, --exclude <commit>`, `--force --reason`. */
export const mentionsOption = (span: string, flag: string) =>
  new RegExp(`(^|[\\s,(\\[])${escapeRegExp(flag)}(?![\\w-])`).test(span);
