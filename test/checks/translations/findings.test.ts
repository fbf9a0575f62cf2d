import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalRepo, type Repo } from '../../helpers/git-world.js';
import { checkTranslations, json, yaml } from './context.js';

let repo: Repo;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ repo, cleanup } = await createLocalRepo());
});
afterEach(() => cleanup());

describe('translations: what the report says', () => {
  it('warns on placeholders a translation lost, renamed or wrote in another syntax', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml([
          'en:',
          '  greeting: "Hello %{name}"',
          '  total: "%{count} orders for %{customer}"',
          '  ok: "Hi %{name}"',
        ]),
        'config/locales/fr.yml': yaml([
          'fr:',
          '  greeting: "Bonjour {name}"',
          '  total: "%{count} commandes pour %{client}"',
          '  ok: "Salut %{name}"',
        ]),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/*.yml' });
    expect(outcome).toEqual({
      status: 'warn',
      summary: 'fr has all 3 en keys, with 2 placeholder mismatches',
      details: [
        'fr: 2 placeholder mismatches',
        '  placeholders: greeting: missing %{name}; extra {name} | total: missing %{customer}; extra %{client}',
      ],
    });

    const strict = await checkTranslations(repo, { files: 'config/locales/*.yml', placeholders: 'fail' });
    expect(strict.status).toBe('fail');
    expect(strict.summary).toBe('fr has 2 placeholder mismatches');
    const lax = await checkTranslations(repo, { files: 'config/locales/*.yml', placeholders: 'ignore' });
    expect(lax).toEqual({ status: 'pass', summary: 'fr has all 3 en keys' });
  });

  it('compares ICU arguments, not the words inside plural branches', async () => {
    await repo.commit('locales', {
      files: {
        'lang/en.json': json({ cart: '{count, plural, one {# item} other {# items}} for {user}' }),
        'lang/pl.json': json({
          cart: '{count, plural, one {# produkt} few {# produkty} many {# produktów} other {# produktu}} dla {user}',
        }),
        'lang/de.json': json({ cart: '{anzahl, plural, one {# Artikel} other {# Artikel}} für {user}' }),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'lang/*.json' });
    expect(outcome.status).toBe('warn');
    expect(outcome.details).toEqual([
      'de: 1 placeholder mismatch',
      '  placeholders: cart: missing {count}; extra {anzahl}',
    ]);
  });

  it('warns when an ICU plural lacks a form the target locale needs', async () => {
    await repo.commit('locales', {
      files: {
        'lang/en.json': json({ cart: '{count, plural, one {# item} other {# items}}' }),
        'lang/pl.json': json({ cart: '{count, plural, one {# produkt} other {# produktu}}' }),
        'lang/ja.json': json({ cart: '{count, plural, other {#個}}' }),
        'lang/fr.json': json({ cart: '{count, plural, =0 {aucun} one {# article} other {# articles}}' }),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'lang/*.json' });
    expect(outcome).toEqual({
      status: 'warn',
      summary: 'fr, ja, pl have all 1 en key, with 1 ICU plural lacking forms',
      details: ['pl: 1 ICU plural lacking forms', '  ICU plurals: cart: {count} lacks few, many'],
    });
  });

  it('warns on stale keys only targets have, unless told to ignore them', async () => {
    await repo.commit('locales', {
      files: {
        'locales/en.json': json({ title: 'Title' }),
        'locales/fr.json': json({ title: 'Titre', old: { banner: 'Soldes' } }),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'locales/*.json' });
    expect(outcome).toEqual({
      status: 'warn',
      summary: 'fr has all 1 en key, with 1 stale key',
      details: ['fr: 1 stale', '  stale: old.banner'],
    });
    expect((await checkTranslations(repo, { files: 'locales/*.json', stale: 'ignore' })).status).toBe('pass');
  });

  it('fails on empty values unless allowed, but not where the source itself is empty', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml([
          'en:',
          '  title: Title',
          '  subtitle: Subtitle',
          '  spacer: ""',
          '  note: Note',
          '  delimiter: ","',
        ]),
        // A space is a real translation: French writes thousands as `1 000`.
        'config/locales/fr.yml': yaml([
          'fr:',
          '  title: ""',
          '  subtitle: ~',
          '  spacer: ""',
          '  note:',
          '  delimiter: " "',
        ]),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/*.yml' });
    expect(outcome.status).toBe('fail');
    expect(outcome.details).toEqual(['fr: 3 empty', '  empty: title, subtitle, note']);
    expect((await checkTranslations(repo, { files: 'config/locales/*.yml', allowEmpty: true })).status).toBe('pass');
  });

  it('checks only the targets named, and fails for one that has no file', async () => {
    await repo.commit('locales', {
      files: {
        'locales/en.json': json({ a: 'A', b: 'B' }),
        'locales/fr.json': json({ a: 'A', b: 'B' }),
        'locales/it.json': json({}),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'locales/*.json', targets: ['fr', 'de'] });
    expect(outcome).toEqual({ status: 'fail', summary: 'no file for de' });
  });

  it('lists at most maxListed keys per locale and sums up many failing locales', async () => {
    const keys = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`key${index}`, `Text ${index}`]));
    await repo.commit('locales', {
      files: {
        'locales/en.json': json(keys),
        'locales/fr.json': json({}),
        'locales/de.json': json({ key0: 'Text' }),
        'locales/es.json': json({ key0: 'Text', key1: '' }),
        'locales/it.json': json({ key0: 'Text' }),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'locales/*.json', maxListed: 3 });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe('4 locales are behind en (116 missing keys, 1 empty value)');
    expect(outcome.details).toContain('fr: 30 missing');
    expect(outcome.details).toContain('  missing: key0, key1, key2 … and 27 more');
  });

  it('stops when its signal is aborted', async () => {
    await repo.commit('locales', { files: { 'locales/en.json': json({ a: 'A' }), 'locales/fr.json': json({}) } });
    const controller = new AbortController();
    controller.abort(new Error('timed out after 30s'));
    await expect(checkTranslations(repo, { files: 'locales/*.json' }, { signal: controller.signal })).rejects.toThrow(
      'timed out after 30s',
    );
  });
});
