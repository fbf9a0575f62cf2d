import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { createLocalRepo, type Repo } from '../../helpers/git-world.js';
import { yaml } from './context.js';

// The shipped CLI (bin/shipit.js -> dist/bin, one esbuild bundle), not src/:
// the full YAML parser is loaded on demand there, and only the bundle shows
// whether that import works. Run `npm run build` first.
let repo: Repo;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ repo, cleanup } = await createLocalRepo());
  await writeFile(
    join(repo.dir, 'deploy.config.json'),
    JSON.stringify({ checks: [{ type: 'translations', name: 'translations', files: 'config/locales/*.yml' }] }),
  );
});
afterEach(() => cleanup());

describe('the built CLI on locale files only the full YAML parser reads', () => {
  it('reads flow mappings, anchors, block scalars and duplicate keys, and reports as the source does', async () => {
    await repo.commit('locales', {
      files: {
        'config/locales/en.yml': yaml([
          'en:',
          '  settings: { title: "Settings", save: Save }',
          '  defaults: &defaults',
          '    cancel: Cancel',
          '  dialog:',
          '    <<: *defaults',
          '    terms: |',
          '      Line one',
          '      Line two',
        ]),
        'config/locales/fr.yml': yaml([
          'fr:',
          '  settings: { title: "Réglages" }',
          '  dialog:',
          '    cancel: Annuler',
          '    terms: >',
          '      Ligne un',
          '    cancel: Annuler !',
        ]),
        'config/locales/de.yml': 'de:\n  settings: { title: "Einstellungen"\n',
      },
    });
    const result = await runCli(['check', '--json'], { cwd: repo.dir });
    expect(result.stderr).toBe('');
    const [check] = JSON.parse(result.stdout).checks;
    expect(check.status).toBe('fail');
    expect(check.summary).toBe('1 locale file cannot be read; fr misses 2 keys; also 1 duplicate key');
    expect(check.details).toEqual([
      expect.stringMatching(/^config\/locales\/de\.yml: invalid YAML at line \d+: .+/),
      'fr: 2 missing',
      '  missing: settings.save, defaults.cancel',
      'config/locales/fr.yml: duplicate key at line 7: dialog.cancel, the last value is used',
    ]);
    expect(result.exitCode).toBe(1);
  });
});
