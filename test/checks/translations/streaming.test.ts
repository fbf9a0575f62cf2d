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

  // A target's usual Rails file goes key by key into its comparison; a file the fast reader
  // declines on its last line is read whole after keys were handed over: nothing twice, nothing lost.
  it('reports a target whose file the fast reader declines late exactly as one read whole', async () => {
    const keys = Array.from({ length: 30 }, (_, key) => `  k${key}: K${key} %{name}`);
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml(['en:', ...keys, '  gone: G', '  note: N']),
        'config/locales/fr.yml': yaml([
          'fr:',
          ...keys.slice(1).map((line) => line.replace(' %{name}', '')),
          '  gone: ""',
          '  old: O',
          '  note: &note an anchor, which only the full parser reads',
        ]),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/*.yml', placeholders: 'fail' });
    expect(outcome.details).toEqual([
      'fr: 1 missing, 1 empty, 29 placeholder mismatches, 1 stale',
      '  missing: k0',
      '  empty: gone',
      `  placeholders: ${keys
        .slice(1, 11)
        .map((_, key) => `k${key + 1}: missing %{name}`)
        .join(' | ')} … and 19 more`,
      '  stale: old',
    ]);
  });

  it('reads a target over two files, the second declined by the fast reader, as one read whole', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml(['en:', '  a: A', '  b: B', '  c: C', '  d: D']),
        'config/locales/fr/one.yml': yaml(['fr:', '  a: A fr', '  x: stale']),
        'config/locales/fr/two.yml': yaml(['fr:', '  b: &b B fr', '  c: *b']),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/**/*.yml' });
    expect(outcome.summary).toBe('fr misses 1 key; also 1 stale key');
    expect(outcome.details).toEqual(['fr: 1 missing, 1 stale', '  missing: d', '  stale: x']);
  });

  it('reads a target over a streamed YAML file and a JSON file as one read whole', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en/a.yml': yaml(['en:', '  x: X', '  z: Z']),
        'config/locales/en/b.json': '{"y": "Y"}\n',
        'config/locales/fr/a.yml': yaml(['fr:', '  x: X fr']),
        'config/locales/fr/b.json': '{"y": "Y fr"}\n',
      },
    });
    const outcome = await checkTranslations(repo, { files: ['config/locales/*/*.yml', 'config/locales/*/*.json'] });
    expect(outcome.details).toEqual(['fr: 1 missing', '  missing: z']);
  });
});
