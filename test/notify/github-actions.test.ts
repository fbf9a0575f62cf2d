import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/gate/contract.js';
import {
  checkAnnotations,
  endGroup,
  escapeData,
  escapeProperty,
  startGroup,
  workflowCommand,
} from '../../src/notify/github-actions.js';

const result = (fields: Partial<CheckResult>): CheckResult => ({
  name: 'ci',
  status: 'pass',
  severity: 'blocking',
  summary: 'ok',
  durationMs: 1,
  ...fields,
});

describe('GitHub Actions workflow commands', () => {
  it('escape a message by the runner rules: %, CR and LF', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    // Already-escaped text is escaped again, so `%0A` in a summary stays literal.
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('escape a property value besides: `:` and `,` would end it', () => {
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    expect(workflowCommand('error', { title: 'x: y, z', file: 'a.ts' }, 'm')).toBe(
      '::error title=x%3A y%2C z,file=a.ts::m',
    );
  });

  it('annotate each check that did not pass, by severity', () => {
    const lines = checkAnnotations(
      [
        result({ name: 'tests' }),
        result({ name: 'ci', status: 'fail', summary: 'CI is red', details: ['3f2a9c1 fix: cart', '  ✗ test'] }),
        result({ name: 'smoke', status: 'fail', severity: 'warning', summary: 'slow' }),
        result({ name: 'window', status: 'warn', summary: 'late in the day' }),
        result({ name: 'pagerduty', status: 'skip', summary: 'skipped', skipReason: 'pd down' }),
      ],
      'production',
    );
    expect(lines).toEqual([
      '::error title=shipit production%3A ci::CI is red%0A3f2a9c1 fix: cart%0A  ✗ test',
      '::warning title=shipit production%3A smoke::slow',
      '::warning title=shipit production%3A window::late in the day',
      '::notice title=shipit production%3A pagerduty::skipped (skipped: pd down)',
    ]);
  });

  it('keep untrusted text from starting a command of its own', () => {
    const [line] = checkAnnotations(
      [result({ status: 'fail', summary: 'bad\n::add-mask::x', details: ['\u001b[2Kcolour\u202e'] })],
      'prod',
    );
    expect(line?.split('\n')).toHaveLength(1);
    expect(line).toBe('::error title=shipit prod%3A ci::bad\\n::add-mask::x%0Acolour\\u202e');
    expect(startGroup('deploy\n::endgroup::')).toBe('::group::deploy\\n::endgroup::');
    expect(endGroup()).toBe('::endgroup::');
  });
});
