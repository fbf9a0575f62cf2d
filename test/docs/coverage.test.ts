import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinChecks } from '../../src/checks/registry.js';
import { commonCheckFields, configSchema } from '../../src/config/schema.js';
import { ExitCode } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { codeSpans, DOCS, mentionsKey, mentionsOption, namesKey, prose, ROOT, readPages, section } from './pages.js';
import { schemaKeys } from './schema-keys.js';

// Fails when a user can write, type or meet something the docs do not name: a config key of the
// schemas, a check's option, a command, an option, an exit code. Each must be named (as a code span)
// in the page that owns its topic, not just anywhere, so a page cannot silently lose its reference.

const pages = readPages();
const page = (name: string) => {
  const text = pages.get(name);
  if (text === undefined) throw new Error(`${name} is missing`);
  return text;
};

/** Keys of a schema that no code span of `text` documents: top-level keys by name, nested ones within a span. */
function undocumented(text: string, keys: ReturnType<typeof schemaKeys>): string[] {
  const spans = codeSpans(text);
  return keys
    .filter(({ key, nested }) => !spans.some((span) => (nested ? mentionsKey(span, key) : namesKey(span, key))))
    .map(({ path }) => path);
}

describe('the docs cover the config', () => {
  it('names every key of the config schema in docs/configuration.md', () => {
    const keys = schemaKeys(configSchema);
    expect(keys.map(({ path }) => path)).toEqual(expect.arrayContaining(['environment', 'github.baseUrl', 'secrets']));
    expect(undocumented(page('docs/configuration.md'), keys)).toEqual([]);
  });

  it('names the settings every check accepts in docs/checks.md', () => {
    const section = page('docs/checks.md');
    const keys = Object.keys(commonCheckFields).map((key) => ({ path: key, key, nested: false }));
    expect(keys.length).toBeGreaterThan(3);
    expect(undocumented(section, keys)).toEqual([]);
  });

  for (const type of Object.keys(builtinChecks) as (keyof typeof builtinChecks)[]) {
    it(`names every option of the ${type} check in its own section of docs/checks.md`, async () => {
      const check = await builtinChecks[type]();
      const own = section(page('docs/checks.md'), type);
      expect(own, `a heading naming \`${type}\` in docs/checks.md`).toBeDefined();
      const keys = schemaKeys(check.schema);
      expect(keys.length, type).toBeGreaterThan(0);
      expect(undocumented(own as string, keys)).toEqual([]);
    });
  }
});

describe('the docs cover the CLI', () => {
  const help = new Map<string, string>();
  let commands: string[] = [];
  const shipit = (...args: string[]) => runCli(args, { cwd: ROOT });
  const longOptions = (text: string) =>
    [...new Set(text.match(/(?<=^\s+(?:-\w, )?)--[\w-]+/gm) ?? [])].filter((flag) => flag !== '--help');

  beforeAll(async () => {
    const root = await shipit('--help');
    expect(root.exitCode, root.stderr).toBe(0);
    help.set('', root.stdout);
    const list = root.stdout.slice(root.stdout.indexOf('Commands:'));
    commands = [...list.matchAll(/^ {2}([a-z]+)\b/gm)].map((match) => match[1] as string).filter((c) => c !== 'help');
    for (const command of commands) help.set(command, (await shipit(command, '--help')).stdout);
  }, 120_000);

  /** The page a command's help points to, as a path under this repository's docs/. */
  const docsPageOf = (text: string) => {
    const path = /^Docs: (.+)$/m.exec(text)?.[1];
    return path === undefined ? undefined : relative(ROOT, path).split('\\').join('/');
  };

  it('lists the commands', () => {
    expect(commands).toEqual(expect.arrayContaining(['init', 'check', 'checks', 'deploy', 'rollback', 'repair']));
  });

  it("points each command's --help to an existing page that documents the command and each of its options", () => {
    for (const command of commands) {
      const text = help.get(command) as string;
      const owner = docsPageOf(text);
      expect(owner, `shipit ${command} --help has a Docs: line`).toMatch(/^docs\/[\w-]+\.md$/);
      expect(existsSync(join(ROOT, owner as string)), owner).toBe(true);
      const spans = codeSpans(page(owner as string));
      expect(
        spans.some((span) => new RegExp(`^shipit ${command}(?![\\w-])`).test(span)),
        `\`shipit ${command}\` in ${owner}`,
      ).toBe(true);
      const missing = longOptions(text).filter((flag) => !spans.some((span) => mentionsOption(span, flag)));
      expect(missing, `options of shipit ${command} not named in ${owner}`).toEqual([]);
    }
  });

  it('documents the options every command accepts in docs/configuration.md, and the root help points to the docs', () => {
    const root = help.get('') as string;
    const globals = longOptions(root);
    expect(globals).toEqual(expect.arrayContaining(['--config', '--env', '--version']));
    const spans = codeSpans(page('docs/configuration.md'));
    expect(globals.filter((flag) => !spans.some((span) => mentionsOption(span, flag)))).toEqual([]);
    expect(root).toContain(`Docs: ${join(ROOT, 'README.md')}`);
  });
});

describe('the docs cover the exit codes', () => {
  it('gives every ExitCode a row of the table in docs/exit-codes.md', () => {
    const text = prose(page('docs/exit-codes.md'));
    const codes = Object.values(ExitCode);
    expect(codes).toContain(130);
    const missing = codes.filter((code) => !new RegExp(`^\\| *${code} *\\|`, 'm').test(text));
    expect(missing).toEqual([]);
  });
});

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to hyphens. */
const anchorsOf = (markdown: string) =>
  new Set(
    [...prose(markdown).matchAll(/^#{1,6} (.+)$/gm)].map((match) =>
      (match[1] as string)
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );

describe('the docs hold together', () => {
  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const [name, text] of pages) {
      for (const [link, target, anchor] of prose(text).matchAll(/\]\(([^)\s#]*)(?:#([^)\s]*))?\)/g)) {
        if (/^[a-z]+:/.test(target as string)) continue;
        const path = target ? resolve(ROOT, dirname(name), target) : resolve(ROOT, name);
        const known = relative(ROOT, path).split('\\').join('/');
        if (!existsSync(path)) broken.push(`${name}: ${link}`);
        else if (anchor && pages.has(known) && !anchorsOf(page(known)).has(anchor)) broken.push(`${name}: ${link}`);
      }
    }
    expect(pages.size).toBeGreaterThan(8);
    expect(existsSync(DOCS)).toBe(true);
    expect(broken).toEqual([]);
  });
});
