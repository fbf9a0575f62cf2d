import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeLocalePath, localeTag } from '../../../src/checks/translations/locale-path.js';
import { hasExactlyPlaceholders, placeholdersOf } from '../../../src/checks/translations/placeholders.js';
import { pluralsOf } from '../../../src/checks/translations/plural-rules.js';
import { parseSimpleYaml } from '../../../src/checks/translations/simple-yaml.js';

const RAILS_FILE = `# Rails locale
---
fr:
  activerecord:
    models:
      user: Utilisateur   # comment
      'order': "Commande"
    errors: ~
  empty_value: ''
  quoted: "Il a dit \\"bonjour\\" à %{name}\\n"
  single: 'l''été'
  number: 42
  decimal: 1.5
  flag: true
  colon_in_quotes: "Note: lire"
  "quoted key": x
  date:
    day_names:
    - dimanche
    - lundi
    month_names:
      - ~
      - janvier
  cart:
    items:
      one: 1 article
      other: "%{count} articles"
  trailing:
`;

describe('the fast YAML reader', () => {
  it('reads Rails locale files exactly as the yaml package does', () => {
    expect(parseSimpleYaml(RAILS_FILE)).toEqual(parse(RAILS_FILE));
  });

  it.each([
    ['anchors and merge keys', 'en:\n  base: &base\n    a: 1\n  other:\n    <<: *base\n'],
    ['flow collections', 'en:\n  list: [a, b]\n'],
    ['multi-line plain scalars', 'en:\n  text: first\n    second\n'],
    ['duplicate keys', 'en:\n  a: 1\n  a: 2\n'],
    ['tabs', 'en:\n\ta: 1\n'],
    ['YAML-only escapes', 'en:\n  a: "\\x41"\n'],
    ['several documents', 'en:\n  a: 1\n---\nfr:\n  a: 1\n'],
    ['a mapping value on the same line', 'en:\n  a: b: c\n'],
  ])('declines %s, leaving them to the full parser', (_, text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });

  it.each([
    ['block scalars', 'en:\n  text: |\n    line one\n    line two\n  folded: >-\n    one\n    two\n'],
    ['multi-line quoted scalars', 'en:\n  text: "first\n    second"\n  psych: \'ends in a line break\n\n    \'\n'],
  ])('reads %s as the yaml package does', (_, text) => {
    expect(parseSimpleYaml(text)).toEqual(parse(text));
  });
});

describe('placeholders', () => {
  it.each([
    ['Hello %{name}, you have %{count} messages', ['%{count}', '%{name}']],
    ['Total: %<amount>.2f', ['%<amount>']],
    ['Hello {{name}}, {{- html}} and {{price, currency(EUR)}}', ['{{html}}', '{{name}}', '{{price}}']],
    ['Hello {name}', ['{name}']],
    ['{count, plural, one {# item for {user}} other {# items}}', ['{count}', '{user}']],
    ['{gender, select, female {elle} male {il} other {iel}} a {n, number} points', ['{gender}', '{n}']],
    ["It's '{literal}' and {real}", ['{real}']],
    ['no placeholders here', []],
  ])('finds them in %s', (text, expected) => {
    expect(placeholdersOf(text)).toEqual(expected);
  });
});

describe('the placeholder shortcut', () => {
  const texts = [
    'Hello %{name}',
    'Bonjour %{name}',
    'Hello {name}',
    'Hello {{name}}',
    'Hello %{name} and %{name}',
    'Hello %{nom}',
    '{count, plural, one {# item} other {# items}}',
    '{name} {{name}} %{name}',
    'Hello {name}}',
    'Total %<amount>.2f',
    'nothing',
    'a { brace',
  ];
  it('never says two texts agree when the full parse says they differ', () => {
    for (const source of texts) {
      for (const target of texts) {
        const expected = placeholdersOf(source);
        const quick = hasExactlyPlaceholders(expected, target);
        if (quick !== undefined) expect([source, target, quick]).toEqual([source, target, true]);
        if (quick) expect(placeholdersOf(target)).toEqual(expected);
      }
    }
    expect(hasExactlyPlaceholders(['%{name}'], 'Bonjour %{name}')).toBe(true);
  });
});

describe('plural rules', () => {
  it('requires the forms everyday counts use and keeps the rare ones optional', () => {
    expect(pluralsOf('en')).toEqual({ required: ['one', 'other'], optional: [] });
    expect(pluralsOf('fr')).toEqual({ required: ['one', 'other'], optional: ['many'] });
    expect(pluralsOf('pl')).toEqual({ required: ['few', 'many', 'one', 'other'], optional: [] });
    expect(pluralsOf('ja')).toEqual({ required: ['other'], optional: [] });
    expect(pluralsOf('en', 'ordinal').required).toEqual(['few', 'one', 'two', 'other']);
  });
});

describe('locale of a path', () => {
  it.each([
    ['config/locales/fr.yml', { format: 'yaml', locale: 'fr' }],
    ['config/locales/models.pt_BR.yml', { format: 'yaml', locale: 'pt-BR' }],
    ['public/locales/fr/common.json', { format: 'json', locale: 'fr', namespace: 'common' }],
    ['public/locales/en/new.json', { format: 'json', locale: 'en', namespace: 'new' }],
    ['locales/de/admin/users.json', { format: 'json', locale: 'de', namespace: 'admin/users' }],
    ['lang/zh-Hant.json', { format: 'json', locale: 'zh-Hant' }],
    ['src/lang/fr.json', { format: 'json', locale: 'fr' }],
    ['test/it/locales/es.json', { format: 'json', locale: 'es' }],
    ['config/locales/models.yml', { format: 'yaml' }],
  ])('reads %s', (path, expected) => {
    expect(describeLocalePath(path)).toEqual(expected);
  });

  it('ignores other files and words that are not languages', () => {
    expect(describeLocalePath('locales/README.md')).toBeUndefined();
    expect(localeTag('common')).toBeUndefined();
    expect(localeTag('app')).toBeUndefined();
    expect(localeTag('src')).toBeUndefined();
    expect(localeTag('new')).toBeUndefined();
  });
});
