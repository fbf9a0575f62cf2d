import { describe, expect, it } from 'vitest';
import { findMismatch, jsonExpectationSchema, readPath } from '../../../src/checks/http/json-expectation.js';

const body = {
  status: { indicator: 'none' },
  items: [{ name: 'api', latency: 120 }],
  version: '2.14.1',
  flags: { beta: false },
};
const mismatch = (input: unknown) => findMismatch(body, jsonExpectationSchema.parse(input));

describe('JSON expectations of the http check', () => {
  it('reads dotted paths with [n] or .n indexes', () => {
    expect(readPath(body, 'items[0].name')).toBe('api');
    expect(readPath(body, 'items.0.latency')).toBe(120);
    expect(readPath(body, 'status.indicator')).toBe('none');
  });

  it('passes each comparison when it holds', () => {
    expect(mismatch({ path: 'flags', equals: { beta: false } })).toBeNull();
    expect(mismatch({ path: 'status.indicator', notEquals: 'major' })).toBeNull();
    expect(mismatch({ path: 'items[0].latency', greaterThan: 100 })).toBeNull();
    expect(mismatch({ path: 'version', matches: '^2\\.' })).toBeNull();
    expect(mismatch({ path: 'status.missing', exists: false })).toBeNull();
  });

  it('says what was expected and what came back', () => {
    expect(mismatch({ path: 'items[0].latency', lessThan: 100 })).toBe('expected items[0].latency < 100, got 120');
    expect(mismatch({ path: 'version', matches: '^3\\.' })).toBe('expected version to match /^3\\./, got "2.14.1"');
    expect(mismatch({ path: 'status.color', exists: true })).toBe('expected status.color to exist, got nothing');
    expect(mismatch({ path: 'flags.beta', equals: true })).toBe('expected flags.beta = true, got false');
    expect(mismatch({ path: 'version', greaterThan: 1 })).toBe('expected version > 1, got "2.14.1"');
  });

  it('fails every comparison on a path the body lacks, notEquals included', () => {
    expect(mismatch({ path: 'status.state', notEquals: 'down' })).toBe('expected status.state ≠ "down", got nothing');
    expect(mismatch({ path: 'items[3].name', notEquals: null })).toBe('expected items[3].name ≠ null, got nothing');
    expect(mismatch({ path: 'missing', equals: null })).toBe('expected missing = null, got nothing');
    expect(mismatch({ path: 'missing', in: ['a'] })).toBe('expected missing in "a", got nothing');
    expect(mismatch({ path: 'missing', matches: '.*' })).toBe('expected missing to match /.*/, got nothing');
    expect(mismatch({ path: 'missing', lessThan: 1 })).toBe('expected missing < 1, got nothing');
  });

  it('rejects an invalid regular expression in the config', () => {
    expect(() => jsonExpectationSchema.parse({ path: 'version', matches: '(' })).toThrow(/valid regular expression/);
  });
});
