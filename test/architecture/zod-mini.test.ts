import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from '../../src/validation/zod.js';
import { sourceFiles } from './import-graph.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const HOME = 'src/validation/zod.ts';

/**
 * shipit validates with zod/mini (start-up: classic zod builds dozens of methods onto every
 * schema, and is a third of the code `check` loads). One import of classic zod anywhere
 * would bring all of it back into the bundle, so every file goes through src/validation/zod.ts,
 * which also sets classic zod's English messages that zod/mini does not load.
 */
describe('zod', () => {
  it('is imported from src/validation/zod.ts only', () => {
    const direct = sourceFiles(root, 'src')
      .filter((file) => file !== HOME)
      .filter((file) => /from ['"]zod(\/[^'"]*)?['"]/.test(readFileSync(join(root, file), 'utf8')));
    expect(direct, 'import * as z from "../validation/zod.js" instead').toEqual([]);
  });

  it('leaves classic zod out of the built CLI', () => {
    const bin = join(root, 'dist/bin');
    const classic = readdirSync(bin)
      .filter((file) => file.endsWith('.js'))
      .filter((file) => readFileSync(join(bin, file), 'utf8').includes('node_modules/zod/v4/classic/'));
    expect(classic).toEqual([]);
  });

  it('words its messages as classic zod does', () => {
    const schema = z.strictObject({
      name: z.string(),
      on: z.array(z.string()).check(z.minLength(1)),
      count: z.number().check(z.int()),
      url: z.optional(z.url()),
    });
    const result = schema.safeParse({ name: 5, on: [], count: 1.5, url: 'nope', extra: true });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'Invalid input: expected string, received number',
      'Too small: expected array to have >=1 items',
      'Invalid input: expected int, received number',
      'Invalid URL',
      'Unrecognized key: "extra"',
    ]);
  });
});
