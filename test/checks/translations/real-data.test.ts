import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalRepo, type Repo } from '../../helpers/git-world.js';
import { checkTranslations, json, yaml } from './context.js';

let repo: Repo;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ repo, cleanup } = await createLocalRepo());
});
afterEach(() => cleanup());

const files = 'config/locales/*.yml';
const otherThan = (locale: string, forms: string[]) =>
  yaml([
    `${locale}:`,
    '  errors:',
    '    other_than:',
    ...forms.map((form) => `      ${form}: "doit être différent de %{count} (${form})"`),
  ]);

describe('translations: locale data as real projects write it', () => {
  it('accepts a target with plural forms where the source has one string, and asks for its forms', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml(['en:', '  errors:', '    other_than: "must be other than %{count}"']),
        'config/locales/ar.yml': otherThan('ar', ['zero', 'one', 'two', 'few', 'many', 'other']),
        'config/locales/ru.yml': otherThan('ru', ['one', 'other']),
      },
    });
    const outcome = await checkTranslations(repo, { files });
    expect(outcome).toEqual({
      status: 'fail',
      summary: 'ru misses 2 keys',
      details: ['ru: 2 missing', '  missing: errors.other_than.few, errors.other_than.many'],
    });
  });

  it('accepts a target with one string where the source has plural forms', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml(['en:', '  items:', '    one: 1 item', '    other: "%{count} items"']),
        'config/locales/ar.yml': yaml(['ar:', '  items: "%{count} عناصر"']),
        'config/locales/de.yml': yaml(['de:', '  items: ""']),
      },
    });
    const outcome = await checkTranslations(repo, { files });
    expect(outcome).toEqual({
      status: 'fail',
      summary: 'de has 1 empty value',
      details: ['de: 1 empty', '  empty: items'],
    });
  });

  it('checks a locale the runtime has no data for, with its language rules or `other` alone', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml(['en:', '  title: Title', '  items:', '    one: 1 item', '    other: n items']),
        // Papiamento (Aruba) falls back to Papiamento's rules, Cantonese written as zh-YUE to Chinese: `other` only.
        'config/locales/pap-AW.yml': yaml(['pap-AW:', '  items:', '    other: n items']),
        'config/locales/zh-YUE.yml': yaml(['zh-YUE:', '  title: 標題', '  items:', '    other: n 件']),
        'config/locales/cnr.yml': yaml(['cnr:', '  title: Naslov', '  items:', '    one: 1', '    other: n']),
      },
    });
    const outcome = await checkTranslations(repo, { files });
    expect(outcome.status).toBe('fail');
    expect(outcome.details).toEqual([
      'cnr: 1 missing',
      '  missing: items.few',
      'pap-AW: 2 missing',
      '  missing: title, items.one',
    ]);
  });

  it('reads a duplicated key as Rails does, the last value winning, and warns once per key', async () => {
    const withDuplicate = (locale: string, last: string) =>
      yaml([`${locale}:`, '  title: first', '  intro: Hello', `  title: "${last}"`]);
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml(['en:', '  title: Title', '  intro: Hello']),
        'config/locales/fr.yml': withDuplicate('fr', 'Titre'),
        'config/locales/de.yml': withDuplicate('de', ''),
      },
    });
    const outcome = await checkTranslations(repo, { files });
    expect(outcome).toEqual({
      status: 'fail',
      summary: 'de has 1 empty value; also 2 duplicate keys',
      details: [
        'de: 1 empty',
        '  empty: title',
        'duplicate key: title, the last value is used, in 2 files: config/locales/de.yml:4, config/locales/fr.yml:4',
      ],
    });
  });

  it('tells the same findings in many locales, and the same broken file, once', async () => {
    const locales = ['da', 'de', 'es', 'fi', 'fr', 'it', 'nl'];
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml(['en:', '  title: Title', '  cta: Buy']),
        ...Object.fromEntries(locales.map((tag) => [`config/locales/${tag}.yml`, yaml([`${tag}:`, '  title: x'])])),
        'config/locales/pl.yml': 'pl:\n  title: x\n  cta: [broken\n',
        'config/locales/sv.yml': 'sv:\n  title: x\n  cta: [broken\n',
      },
    });
    const outcome = await checkTranslations(repo, { files });
    expect(outcome.summary).toBe(
      '2 locale files cannot be read; 7 locales are behind en (7 missing keys, 0 empty values)',
    );
    expect(outcome.details).toEqual([
      expect.stringMatching(/^invalid YAML: .+, in 2 files: config\/locales\/pl\.yml:\d, config\/locales\/sv\.yml:\d$/),
      '7 locales (da, de, es, fi, fr, it, nl): 1 missing',
      '  missing: cta',
    ]);
  });

  it('fails on a locale file that holds no mapping of keys, naming it, and checks the rest', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml(['en:', '  title: Title', '  intro: Hello']),
        'config/locales/fr.yml': yaml(['- Titre']),
        'config/locales/de.yml': yaml(['de: Titel']),
        'config/locales/it.yml': yaml(['it:', '  title: Titolo']),
        'config/locales/es.yml': '',
      },
    });
    const outcome = await checkTranslations(repo, { files });
    expect(outcome.summary).toBe('3 locale files cannot be read; it misses 1 key');
    expect(outcome.details).toEqual([
      'config/locales/de.yml: not a locale file: under de: a string, not a mapping of keys to texts',
      'config/locales/es.yml: not a locale file: nothing, not a mapping of keys to texts',
      'config/locales/fr.yml: not a locale file: a list, not a mapping of keys to texts',
      'it: 1 missing',
      '  missing: intro',
    ]);
  });

  it("recognises i18next's older key / key_plural pair as one plural group", async () => {
    await repo.commit('locales', {
      files: {
        'locales/en/translation.json': json({ item: '{{count}} item', item_plural: '{{count}} items' }),
        'locales/ja/translation.json': json({ item: '{{count}}個' }),
        'locales/de/translation.json': json({ item: '{{count}} Artikel' }),
        'locales/ru/translation.json': json({
          item_0: '{{count}} предмет',
          item_1: '{{count}} предмета',
          item_2: '{{count}} предметов',
        }),
        'locales/fr/translation.json': json({ item: '{{count}} article', item_plural: '{{count}} articles' }),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'locales/**/*.json' });
    expect(outcome).toEqual({
      status: 'fail',
      summary: 'de misses 1 key',
      details: ['de: 1 missing', '  missing: translation:item_plural'],
    });
  });
});
