import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalRepo, type Repo } from '../../helpers/git-world.js';
import { checkTranslations, yaml } from './context.js';

// The check reads the files grouped by the locale their path names and compares
// each target as soon as its files are read. A file whose root key is not the
// locale of its name must not change the outcome: it is read again in file order.

let repo: Repo;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ repo, cleanup } = await createLocalRepo());
});
afterEach(() => cleanup());

describe('translations: locales streamed by file group', () => {
  it('counts source keys a file named for a target holds, read after that target', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml(['en:', '  a: A', '  b: B']),
        'config/locales/fr.yml': yaml(['fr:', '  a: A fr', '  b: B fr']),
        // Named for French, but Rails takes its locale from the root key.
        'config/locales/extra.fr.yml': yaml(['en:', '  c: C']),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/*.yml' });
    expect(outcome.summary).toBe('fr misses 1 key');
    expect(outcome.details).toEqual(['fr: 1 missing', '  missing: c']);
  });

  it('reads a target spread over a named and an unnamed file in file order', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml(['en:', '  a: A']),
        // File order: fr.yml, then zz.yml; grouped, zz.yml (no locale in its name) would come first.
        'config/locales/fr.yml': yaml(['fr:', '  a: ""']),
        'config/locales/zz.yml': yaml(['fr:', '  a: A fr', 'de:', '  a: A de']),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/*.yml' });
    expect(outcome.summary).toBe('fr has 1 empty value');
  });

  it('compares every locale of a large set once, in sorted order, whatever the file order', async () => {
    const tags = ['pt-BR', 'de', 'zh-Hans', 'fr', 'ar', 'ja'];
    const files: Record<string, string> = { 'locales/en/app.json': '{"a": "A", "b": "B"}\n' };
    for (const tag of tags) files[`locales/${tag}/app.json`] = `{"a": "A ${tag}"}\n`;
    await repo.commit('locales', { files });
    const outcome = await checkTranslations(repo, { files: 'locales/*/app.json' });
    expect(outcome.summary).toBe('6 locales are behind en (6 missing keys, 0 empty values)');
    expect(outcome.details?.[0]).toBe('6 locales (ar, de, fr, ja, pt-BR, zh-Hans): 1 missing');
  });
});
