import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../../src/gate/contract.js';
import { runCli } from '../../helpers/cli.js';
import { createLocalRepo, type Repo } from '../../helpers/git-world.js';
import { checkTranslations } from './context.js';
import { deviseLocales } from './corpus.js';
import { localeTrees, missingKeys } from './missing-oracle.js';

// 72 Rails locale files real translators wrote (devise-i18n), checked against
// an independent computation of what each locale misses.
const files = 'config/locales/*.yml';
const settings = { files, maxListed: 100_000 };

let repo: Repo;
let cleanup: () => Promise<void>;
let corpus: Map<string, string>;
beforeAll(async () => {
  corpus = await deviseLocales();
  ({ repo, cleanup } = await createLocalRepo());
});
afterAll(() => cleanup());

const commitLocales = (texts: Map<string, string>) =>
  repo.commit('locales', {
    files: Object.fromEntries([...texts].map(([name, text]) => [`config/locales/${name}`, text])),
  });

/** locale -> the keys the report lists as missing, from its (grouped) details. */
function reportedMissing(outcome: Pick<CheckOutcome, 'details'>): Map<string, string[]> {
  const missing = new Map<string, string[]>();
  let locales: string[] = [];
  for (const line of outcome.details ?? []) {
    const header = /^(?:\d+ locales \((.+)\)|([^ :]+(?:, [^ :]+)*)): \d/.exec(line);
    if (header) locales = (header[1] ?? header[2]!).split(', ');
    const keys = /^ {2}missing: (.+)$/.exec(line);
    if (keys) for (const locale of locales) missing.set(locale, keys[1]!.split(', ').sort());
  }
  return missing;
}

function oracle(texts: Map<string, string>): Map<string, string[]> {
  const trees = localeTrees(texts.values());
  const source = trees.get('en')!;
  const expected = new Map<string, string[]>();
  for (const [locale, tree] of trees) {
    const keys = locale === 'en' ? [] : missingKeys(source, tree, locale);
    if (keys.length) expected.set(locale, keys);
  }
  return expected;
}

describe('translations on 72 real Rails locale files (devise-i18n)', () => {
  it('reports, through the built CLI, exactly the missing keys a second parser finds', async () => {
    await commitLocales(corpus);
    await writeFile(
      join(repo.dir, 'deploy.config.json'),
      JSON.stringify({ checks: [{ type: 'translations', name: 'translations', ...settings }] }),
    );
    const result = await runCli(['check', '--json'], { cwd: repo.dir });
    const [check] = JSON.parse(result.stdout).checks;
    expect(check.details.filter((line: string) => line.includes('invalid YAML'))).toEqual([]);
    const expected = oracle(corpus);
    expect(expected.size).toBeGreaterThan(0);
    expect(reportedMissing(check)).toEqual(expected);
    // Every file names its locale with its root key, pap-AW and zh-YUE included.
    expect(check.summary).not.toContain('unknown locale');
  });

  it('reports gaps planted in the real files, and nothing else new', async () => {
    const planted = new Map(corpus);
    const edit = (name: string, from: RegExp, to: string) => {
      const text = planted.get(name)!;
      expect(text).toMatch(from);
      planted.set(name, text.replace(from, to));
    };
    edit('en.yml', /^en:\n/, 'en:\n  planted_key: "New %{thing}"\n');
    edit('fr.yml', /^ {6}already_authenticated: .*\n/m, '');
    edit('ru.yml', /^ {8}few: "%\{resource\}.*\n/m, '');

    const before = reportedMissing(await checkTranslations(repo, settings));
    await commitLocales(planted);
    const after = reportedMissing(await checkTranslations(repo, settings));
    expect(after).toEqual(oracle(planted));

    const added = new Map(
      [...after].map(([locale, keys]) => [locale, keys.filter((key) => !before.get(locale)?.includes(key))]),
    );
    const others = [...added].filter(([locale]) => locale !== 'fr' && locale !== 'ru');
    expect(others.length).toBe(corpus.size - 3);
    for (const [, keys] of others) expect(keys).toEqual(['planted_key']);
    expect(added.get('fr')).toEqual(['devise.failure.already_authenticated', 'planted_key']);
    expect(added.get('ru')).toEqual(['errors.messages.not_saved.few', 'planted_key']);
  });
});
