import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalRepo, type Repo } from '../../helpers/git-world.js';
import { checkTranslations, json, yaml } from './context.js';

let repo: Repo;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ repo, cleanup } = await createLocalRepo());
});
afterEach(() => cleanup());

const railsCart = (locale: string, forms: Record<string, string>) =>
  yaml([
    `${locale}:`,
    '  cart:',
    '    items:',
    ...Object.entries(forms).map(([form, text]) => `      ${form}: "${text}"`),
  ]);

describe('translations: plural forms follow each locale', () => {
  it('asks Polish for few and many, Japanese for other only, and French many only as a warning', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': railsCart('en', { one: '1 item', other: '%{count} items' }),
        'config/locales/pl.yml': railsCart('pl', {
          one: '1 produkt',
          few: '%{count} produkty',
          many: '%{count} produktów',
          other: '%{count} produktu',
        }),
        'config/locales/ja.yml': railsCart('ja', { other: '%{count}個' }),
        'config/locales/fr.yml': railsCart('fr', { one: '1 article', other: '%{count} articles' }),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/*.yml' });
    expect(outcome).toEqual({
      status: 'warn',
      summary: 'fr, ja, pl have all 1 en key, with 1 rare plural form absent',
      details: ['fr: 1 rare plural form absent', '  rare plural forms absent: cart.items.many'],
    });

    const quiet = await checkTranslations(repo, { files: 'config/locales/*.yml', rarePlurals: 'ignore' });
    expect(quiet.status).toBe('pass');
  });

  it('fails when Polish has only the English forms, and accepts extra forms a locale does not use', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': railsCart('en', { one: '1 item', other: '%{count} items' }),
        'config/locales/pl.yml': railsCart('pl', { one: '1 produkt', other: '%{count} produktu' }),
        // Japanese has no `one`: a translator's extra form is harmless, not stale.
        'config/locales/ja.yml': railsCart('ja', { one: '1個', other: '%{count}個' }),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/*.yml' });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe('pl misses 2 keys');
    expect(outcome.details).toEqual(['pl: 2 missing', '  missing: cart.items.few, cart.items.many']);
  });

  it('accepts a plain string where the source has plural forms, as Rails does', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': railsCart('en', { one: '1 item', other: '%{count} items' }),
        'config/locales/ja.yml': yaml(['ja:', '  cart:', '    items: "%{count}個"']),
      },
    });
    expect((await checkTranslations(repo, { files: 'config/locales/*.yml' })).status).toBe('pass');
  });

  it('reads i18next suffix plurals and ordinals the same way', async () => {
    await repo.commit('locales', {
      files: {
        'locales/en/translation.json': json({
          item_one: '{{count}} item',
          item_other: '{{count}} items',
          place_ordinal_one: '{{count}}st',
          place_ordinal_two: '{{count}}nd',
          place_ordinal_few: '{{count}}rd',
          place_ordinal_other: '{{count}}th',
        }),
        'locales/ja/translation.json': json({ item_other: '{{count}}個', place_ordinal_other: '{{count}}番目' }),
        'locales/fr/translation.json': json({
          item_one: '{{count}} article',
          item_many: '{{count}} d’articles',
          item_other: '{{count}} articles',
          place_ordinal_one: '{{count}}er',
          place_ordinal_other: '{{count}}e',
        }),
        'locales/pl/translation.json': json({
          item_one: '{{count}} produkt',
          item_other: '{{count}} produktu',
          place_ordinal_other: '{{count}}.',
        }),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'locales/**/*.json' });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe('pl misses 2 keys');
    expect(outcome.details).toEqual(['pl: 2 missing', '  missing: translation:item_few, translation:item_many']);
  });

  it('reports an empty plural form', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': railsCart('en', { one: '1 item', other: '%{count} items' }),
        'config/locales/de.yml': railsCart('de', { one: '', other: '%{count} Artikel' }),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/*.yml' });
    expect(outcome.summary).toBe('de has 1 empty value');
    expect(outcome.details).toEqual(['de: 1 empty', '  empty: cart.items.one']);
  });
});
