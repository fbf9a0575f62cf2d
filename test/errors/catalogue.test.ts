import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { catalogue, type ErrorCode, ExitCode, ShipitError } from '../../src/errors.js';

// docs/errors.md is written by hand; these tests keep it in step with the catalogue.
const page = await readFile(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const codes = Object.keys(catalogue) as ErrorCode[];

/** The rows of the code tables: | `code` | exit | meaning | what to do |. */
function documentedCodes(): Map<string, { exit: number; means: string; todo: string }> {
  const rows = new Map<string, { exit: number; means: string; todo: string }>();
  for (const line of page.split('\n')) {
    // Cells are padded to the widest one (the formatter aligns tables).
    const cells = line.startsWith('| `')
      ? line
          .slice(1, -1)
          .split(' | ')
          .map((cell) => cell.trim())
      : [];
    const [code, exit, means, todo] = cells;
    if (cells.length === 4) rows.set(code!.slice(1, -1), { exit: Number(exit), means: means!, todo: todo! });
  }
  return rows;
}

/** The rows of the exit code table: | 0    | meaning |. */
function documentedExitCodes(): number[] {
  const table = page.slice(page.indexOf('## Exit codes'), page.indexOf('## Error codes'));
  return [...table.matchAll(/^\| (\d+) +\|/gm)].map((match) => Number(match[1]));
}

describe('the error catalogue', () => {
  it('documents the exit codes the CLI promises, and only those', () => {
    expect(documentedExitCodes()).toEqual([0, 1, 2, 3, 4, 130]);
    expect(Object.values(ExitCode)).toEqual([0, 1, 2, 3, 4, 130]);
  });

  it('gives every code one of the documented exit codes', () => {
    const documented = documentedExitCodes();
    const stray = codes.filter((code) => !documented.includes(catalogue[code].exit));
    expect(stray).toEqual([]);
  });

  it('lists every catalogued code in docs/errors.md with its exit code, its meaning and what to do', () => {
    const rows = documentedCodes();
    const missing = codes.filter((code) => !rows.has(code));
    expect(missing).toEqual([]);
    for (const code of codes) {
      const row = rows.get(code)!;
      expect({ code, exit: row.exit, means: row.means }).toEqual({
        code,
        exit: catalogue[code].exit,
        means: catalogue[code].means,
      });
      expect(row.todo.trim().length, `what to do for ${code}`).toBeGreaterThan(10);
    }
  });

  it('documents no code the catalogue does not have', () => {
    const stale = [...documentedCodes().keys()].filter((code) => !(code in catalogue));
    expect(stale).toEqual([]);
  });

  it('holds no code that nothing raises', async () => {
    const src = new URL('../../src/', import.meta.url);
    const files = (await readdir(src, { recursive: true })).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('catalogue.ts'),
    );
    const sources = (await Promise.all(files.map((file) => readFile(new URL(file, src), 'utf8')))).join('\n');
    expect(codes.filter((code) => !sources.includes(`'${code}'`))).toEqual([]);
  });

  it('takes the exit code from the catalogue, and its default hint unless the caller gives one', () => {
    expect(new ShipitError('locked', 'production is locked').exitCode).toBe(4);
    expect(new ShipitError('interrupted', 'interrupted').exitCode).toBe(130);
    expect(new ShipitError('gate-blocked', 'blocked').exitCode).toBe(1);
    expect(new ShipitError('state-conflict', 'gave up').exitCode).toBe(3);
    expect(new ShipitError('bad-limit', '--limit 0').exitCode).toBe(2);

    expect(new ShipitError('git-missing', 'no git').hint).toBe('install git (>= 2.38) and try again');
    expect(new ShipitError('git-missing', 'no git', { hint: 'use the bundled git' }).hint).toBe('use the bundled git');
    expect(new ShipitError('bad-limit', '--limit 0').hint).toBeUndefined();
  });
});
