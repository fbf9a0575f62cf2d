import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalRepo, type Repo } from '../../helpers/git-world.js';
import { checkTranslations, yaml } from './context.js';

let repo: Repo;
let cleanup: () => Promise<void>;
let production: string;
beforeEach(async () => {
  ({ repo, cleanup } = await createLocalRepo());
  // What is live: German already lags behind, a debt this batch did not create.
  production = await repo.commit('locales in production', {
    files: {
      'config/locales/en.yml': yaml(['en:', '  title: Shop', '  intro: Hello', '  legacy: Old banner', '  help: Help']),
      'config/locales/fr.yml': yaml([
        'fr:',
        '  title: Boutique',
        '  intro: Bonjour',
        '  legacy: Ancienne',
        '  help: Aide',
      ]),
      'config/locales/de.yml': yaml(['de:', '  title: Laden']),
    },
  });
  await repo.commit('new checkout copy', {
    files: {
      'config/locales/en.yml': yaml(['en:', '  title: Shop', '  intro: Hello there', '  cta: Buy now', '  help: Help']),
      'config/locales/fr.yml': yaml([
        'fr:',
        '  title: Boutique',
        '  intro: Bonjour à vous',
        '  legacy: Ancienne',
        '  cta: Acheter',
        '  help: Aide',
      ]),
      'config/locales/de.yml': yaml(['de:', '  title: Laden', '  cta: Kaufen']),
    },
  });
});
afterEach(() => cleanup());

describe('translations: scope batch', () => {
  it('compares only the keys this batch adds or changes, and calls stale only what it removed', async () => {
    const outcome = await checkTranslations(repo, { files: 'config/locales/*.yml', scope: 'batch' }, { production });
    expect(outcome).toEqual({
      status: 'fail',
      summary: 'de misses 1 key; also 1 stale key',
      details: ['de: 1 missing', '  missing: intro', 'fr: 1 stale', '  stale: legacy'],
    });
  });

  it('passes when every locale has the batch keys, whatever older debt remains', async () => {
    await repo.commit('translate intro', {
      files: { 'config/locales/de.yml': yaml(['de:', '  title: Laden', '  intro: Hallo', '  cta: Kaufen']) },
    });
    await repo.commit('drop legacy', {
      files: {
        'config/locales/fr.yml': yaml([
          'fr:',
          '  title: Boutique',
          '  intro: Bonjour à vous',
          '  cta: Acheter',
          '  help: Aide',
        ]),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/*.yml', scope: 'batch' }, { production });
    expect(outcome).toEqual({ status: 'pass', summary: 'de, fr have the 2 en keys this batch adds or changes' });

    const everything = await checkTranslations(repo, { files: 'config/locales/*.yml' }, { production });
    expect(everything.summary).toBe('de misses 1 key');
  });

  it('warns when the source text changed but a translation kept its production text', async () => {
    await repo.commit('translate, but forget to reword the French intro', {
      files: {
        'config/locales/de.yml': yaml(['de:', '  title: Laden', '  intro: Hallo zusammen', '  cta: Kaufen']),
        'config/locales/fr.yml': yaml([
          'fr:',
          '  title: Boutique',
          '  intro: Bonjour',
          '  cta: Acheter',
          '  help: Aide',
        ]),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/*.yml', scope: 'batch' }, { production });
    expect(outcome).toEqual({
      status: 'warn',
      summary: 'de, fr have the 2 en keys this batch adds or changes, with 1 translation not updated',
      details: ['fr: 1 not updated since the source changed', '  not updated: intro'],
    });
  });

  it('passes when the batch changes no source key', async () => {
    const head = await repo.head();
    const outcome = await checkTranslations(
      repo,
      { files: 'config/locales/*.yml', scope: 'batch' },
      { production: head },
    );
    expect(outcome).toEqual({ status: 'pass', summary: 'this batch adds or changes no en key' });
  });

  it('compares every key, and says so, before the first deploy or when production cannot be read', async () => {
    const first = await checkTranslations(
      repo,
      { files: 'config/locales/*.yml', scope: 'batch' },
      { production: null },
    );
    expect(first.summary).toBe('de misses 2 keys; also 1 stale key');
    expect(first.details?.at(-1)).toBe('nothing is in production yet, so every key was compared');

    const unknown = 'f'.repeat(40);
    const lost = await checkTranslations(
      repo,
      { files: 'config/locales/*.yml', scope: 'batch' },
      { production: unknown },
    );
    expect(lost.summary).toBe('de misses 2 keys; also 1 stale key');
    expect(lost.details?.at(-1)).toMatch(
      /^production commit fffffff cannot be read here \(.+\), so every key was compared$/,
    );
  });
});
