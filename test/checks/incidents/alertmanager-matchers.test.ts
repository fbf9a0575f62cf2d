import { describe, expect, it } from 'vitest';
import { formatMatcher, parseMatchers } from '../../../src/checks/alertmanager/matchers.js';

const parsed = (input: string) => parseMatchers(input).map(({ name, operator, value }) => [name, operator, value]);
const refusal = (input: string) => {
  try {
    parseMatchers(input);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`parsed ${JSON.stringify(input)} without complaint`);
};

describe("Alertmanager's matcher syntax", () => {
  it('reads one matcher, a comma list and a braced list, with every operator', () => {
    expect(parsed('severity=critical')).toEqual([['severity', '=', 'critical']]);
    expect(parsed('severity=critical,scenario=active')).toEqual([
      ['severity', '=', 'critical'],
      ['scenario', '=', 'active'],
    ]);
    expect(parsed('{ env != staging , team=~"web|api", job!~batch.* }')).toEqual([
      ['env', '!=', 'staging'],
      ['team', '=~', 'web|api'],
      ['job', '!~', 'batch.*'],
    ]);
    expect(parsed('{a=b,}')).toEqual([['a', '=', 'b']]);
    expect(parsed('{}')).toEqual([]);
  });

  it('keeps commas, spaces, braces and escapes inside quoted values', () => {
    expect(parsed('summary="disk full, again", path="C:\\\\data", say="\\"hi\\"\\n"')).toEqual([
      ['summary', '=', 'disk full, again'],
      ['path', '=', 'C:\\data'],
      ['say', '=', '"hi"\n'],
    ]);
    expect(parsed('x="caf\\u00e9 \\x41\\101 {}"')).toEqual([['x', '=', 'café AA {}']]);
  });

  it('reads UTF-8 label names, quoted or not (Alertmanager 0.27+)', () => {
    expect(parsed('"service.name"="checkout", "ünïcode label"!=x, http.status=500')).toEqual([
      ['service.name', '=', 'checkout'],
      ['ünïcode label', '!=', 'x'],
      ['http.status', '=', '500'],
    ]);
  });

  it('refuses what Alertmanager refuses, saying where', () => {
    expect(refusal('severity')).toBe('expected an operator (=, !=, =~ or !~), found the end');
    expect(refusal('severity=')).toBe('expected a label value, found the end');
    expect(refusal('a=b c=d')).toBe('expected a comma between matchers, found "c" at column 5');
    expect(refusal('{a=b')).toBe('expected a comma or a closing }, found the end');
    expect(refusal('{a=b c=d}')).toBe('expected a comma or a closing }, found "c" at column 6');
    expect(refusal('a=b}')).toBe('expected a comma between matchers, found "}" at column 4');
    expect(refusal('a="open')).toBe('missing the closing " of the text at column 3');
    expect(refusal('a!b')).toBe('expected != or !~ at column 2');
    expect(refusal("a='b'")).toBe("unexpected ' at column 3 (quote a value that contains it)");
    expect(refusal('a="\\q"')).toBe('"\\q": unknown escape \\q (write \\\\ for a backslash)');
    expect(refusal('""=x')).toBe('a label name cannot be empty');
    expect(refusal('team=~"web|(api"')).toMatch(/^team=~"web\|\(api": invalid regular expression/);
  });

  it('writes each matcher for the API: value always quoted, name only when it is not a classic one', () => {
    const formatted = parseMatchers('severity=critical,summary="a, \\"b\\"",job=~a\\.b,"service.name"!=x').map(
      formatMatcher,
    );
    expect(formatted).toEqual(['severity="critical"', 'summary="a, \\"b\\""', 'job=~"a\\\\.b"', '"service.name"!="x"']);
    expect(parseMatchers(formatted.join(',')).map(formatMatcher)).toEqual(formatted);
  });
});
