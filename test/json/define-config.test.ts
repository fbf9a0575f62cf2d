import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineConfig } from '../../src/index.js';

// `tsc --noEmit` checks this file (tsconfig includes test/): each @ts-expect-error must meet an error.
describe('defineConfig', () => {
  it('returns the config unchanged, typed as written', () => {
    const config = defineConfig({ environment: 'staging', checks: [{ type: 'ci-status' }] });
    expect(config).toEqual({ environment: 'staging', checks: [{ type: 'ci-status' }] });
    expectTypeOf(config.environment).toEqualTypeOf<'staging'>();
  });

  it('accepts $schema, which JSON configs carry for editors', () => {
    expect(defineConfig({ $schema: './node_modules/shipit-gate/schema.json' }).$schema).toContain('schema.json');
  });

  it('rejects a misspelt top-level key at type-check time', () => {
    // @ts-expect-error `enviroment` is not a config key
    const typo = defineConfig({ enviroment: 'staging' });
    expect(typo).toEqual({ enviroment: 'staging' });
    // @ts-expect-error `check` is not a config key (`checks` is)
    defineConfig({ environment: 'production', check: [] });
  });

  it('rejects wrong types', () => {
    // @ts-expect-error concurrency is a number
    defineConfig({ concurrency: '4' });
    // @ts-expect-error severity is "blocking" or "warning"
    defineConfig({ checks: [{ type: 'command', name: 'tests', run: 'npm test', severity: 'error' }] });
  });
});
