import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalRepo, type Repo } from '../../helpers/git-world.js';
import { checkTranslations, json, yaml } from './context.js';

let repo: Repo;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ repo, cleanup } = await createLocalRepo());
});
afterEach(() => cleanup());

describe('translations: file formats', () => {
  it('compares Rails YAML files by their root key, merging every file of a locale', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml(['en:', '  home:', '    title: Welcome', '    intro: Hello']),
        'config/locales/models.en.yml': yaml(['en:', '  activerecord:', '    models:', '      user: User']),
        'config/locales/fr.yml': yaml(['fr:', '  home:', '    title: Bienvenue', '    intro: Bonjour']),
        // Rails takes the locale from the root key, whatever the file is called.
        'config/locales/models.yml': yaml(['fr:', '  activerecord:', '    models:', '      user: Utilisateur']),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/**/*.yml' });
    expect(outcome).toEqual({ status: 'pass', summary: 'fr has all 3 en keys' });
  });

  it('reads a YAML file that holds several locales', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/all.yml': yaml([
          'en:',
          '  hello: Hello',
          '  bye: Bye',
          'nl:',
          '  hello: Hallo',
          'fr:',
          '  hello: Salut',
          '  bye: Salut',
        ]),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/*.yml' });
    expect(outcome).toEqual({
      status: 'fail',
      summary: 'nl misses 1 key',
      details: ['nl: 1 missing', '  missing: bye'],
    });
  });

  it('names the keys a YAML target lacks, with their full dotted path', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml([
          'en:',
          '  home:',
          '    title: Welcome',
          '    intro: Hello',
          '  nav:',
          '    back: Back',
        ]),
        'config/locales/de.yml': yaml(['de:', '  home:', '    title: Willkommen']),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/*.yml' });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe('de misses 2 keys');
    expect(outcome.details).toEqual(['de: 2 missing', '  missing: home.intro, nav.back']);
  });

  it('treats nested JSON and flat JSON with dotted keys as the same keys', async () => {
    await repo.commit('locales', {
      files: {
        'src/lang/en.json': json({ home: { title: 'Welcome', cta: { label: 'Start' } } }),
        'src/lang/fr.json': json({ 'home.title': 'Bienvenue', 'home.cta.label': 'Commencer' }),
        'src/lang/es.json': json({ 'home.title': 'Bienvenido' }),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'src/lang/*.json' });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe('es misses 1 key');
    expect(outcome.details).toEqual(['es: 1 missing', '  missing: home.cta.label']);
  });

  it('keeps i18next namespaces apart and reports a namespace file a locale lacks', async () => {
    await repo.commit('locales', {
      files: {
        'public/locales/en/common.json': json({ save: 'Save', cancel: 'Cancel' }),
        'public/locales/en/admin.json': json({ save: 'Save users' }),
        'public/locales/fr/common.json': json({ save: 'Enregistrer', cancel: 'Annuler' }),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'public/locales/**/*.json' });
    expect(outcome.status).toBe('fail');
    expect(outcome.details).toEqual(['fr: 1 missing', '  missing: admin:save']);
  });

  it('reads FormatJS extracted messages by their defaultMessage', async () => {
    await repo.commit('locales', {
      files: {
        'lang/en.json': json({ 'app.greeting': { defaultMessage: 'Hello {name}', description: 'on the home page' } }),
        'lang/fr.json': json({ 'app.greeting': { defaultMessage: 'Bonjour {nom}', description: 'on the home page' } }),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'lang/*.json' });
    expect(outcome.status).toBe('warn');
    expect(outcome.details).toEqual([
      'fr: 1 placeholder mismatch',
      '  placeholders: app.greeting: missing {name}; extra {nom}',
    ]);
  });

  it('reads the files at the candidate commit, not the work tree', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml(['en:', '  title: Welcome', '  intro: Hello']),
        'config/locales/fr.yml': yaml(['fr:', '  title: Bienvenue']),
      },
    });
    // The work tree is complete, but the commit that ships is not.
    await writeFile(join(repo.dir, 'config/locales/fr.yml'), yaml(['fr:', '  title: Bienvenue', '  intro: Bonjour']));
    const missing = await checkTranslations(repo, { files: 'config/locales/*.yml' });
    expect(missing.summary).toBe('fr misses 1 key');

    const fixed = await repo.commit('translate intro', {
      files: { 'config/locales/fr.yml': yaml(['fr:', '  title: Bienvenue', '  intro: Bonjour']) },
    });
    await writeFile(join(repo.dir, 'config/locales/fr.yml'), 'fr: [broken\n');
    expect((await checkTranslations(repo, { files: 'config/locales/*.yml' }, { candidate: fixed })).status).toBe(
      'pass',
    );
  });

  it('reads YAML the fast reader declines with the full parser', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml(['en:', '  terms: |', '    Line one', '    Line two', '  list: [a, b]']),
        'config/locales/fr.yml': yaml(['fr:', '  terms: >', '    Ligne un', '  list: []']),
      },
    });
    const outcome = await checkTranslations(repo, { files: 'config/locales/*.yml' });
    expect(outcome.summary).toBe('fr has 1 empty value');
    expect(outcome.details).toEqual(['fr: 1 empty', '  empty: list']);
  });

  it('fails with the file and line of a broken locale file, and still compares the others', async () => {
    await repo.commit('locales', {
      files: {
        'locales/en.json': json({ a: 'A', b: 'B' }),
        'locales/fr.json': '{\n  "a": "A",\n  "b": "B"\n  "c": "C"\n}\n',
        'locales/de.json': json({ a: 'A' }),
        'locales/it.yml': 'it:\n  a: "unterminated\n',
      },
    });
    const outcome = await checkTranslations(repo, { files: 'locales/*' });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe('2 locale files cannot be read; de misses 1 key');
    expect(outcome.details?.[0]).toMatch(/^locales\/fr\.json: invalid JSON at line 4: /);
    expect(outcome.details?.[1]).toMatch(/^locales\/it\.yml: invalid YAML at line 3: Missing closing "quote$/);
  });

  it('fails clearly when the glob matches nothing or the source locale is not there', async () => {
    await repo.commit('locales', { files: { 'locales/fr.json': json({ a: 'A' }) } });
    const none = await checkTranslations(repo, { files: 'config/locales/*.yml' });
    expect(none.status).toBe('fail');
    expect(none.summary).toMatch(/^no file matches config\/locales\/\*\.yml at [0-9a-f]{7}: check the `files` glob$/);

    const noSource = await checkTranslations(repo, { files: 'locales/*.json' });
    expect(noSource.status).toBe('fail');
    expect(noSource.summary).toMatch(
      /^no en locale in the 1 files matching locales\/\*\.json at [0-9a-f]{7} \(locales found: fr\)/,
    );
  });
});
