import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorld, type World } from '../helpers/git-world.js';

// A TS config is compiled in shipit's main thread when it imports no other TS file (no module-hooks
// thread), else through the hooks: both must load the same config the same way.
let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.cleanup());

const write = (name: string, text: string) => writeFile(join(world.repo.dir, name), text);
const summaries = async () => {
  const result = await runCli(['check', '--json'], { cwd: world.repo.dir });
  expect(result.exitCode).toBe(0);
  return (JSON.parse(result.stdout) as { checks: { summary: string }[] }).checks.map((check) => check.summary);
};

describe('TypeScript configs', () => {
  it('see their own location in import.meta, import JS beside them, and leave no file behind', async () => {
    await write('helper.mjs', `export const greeting = 'hello from js';\n`);
    await write(
      'deploy.config.ts',
      `import { greeting } from './helper.mjs';
const where: string = import.meta.url + ' ' + import.meta.filename + ' ' + import.meta.dirname;
export default { checks: [{ name: 'where', run: () => ({ status: 'pass' as const, summary: greeting + ' ' + where }) }] };\n`,
    );
    const file = join(world.repo.dir, 'deploy.config.ts');
    expect(await summaries()).toEqual([`hello from js ${pathToFileURL(file).href} ${file} ${world.repo.dir}`]);
    expect((await readdir(world.repo.dir)).filter((name) => name.endsWith('.mjs'))).toEqual(['helper.mjs']);
  });

  it('import other TypeScript files (through the module hooks)', async () => {
    await write('helper.ts', `export const greeting: string = 'hello from ts';\n`);
    await write(
      'deploy.config.ts',
      `import { greeting } from './helper.ts';
export default { checks: [{ name: 'ts', run: () => ({ status: 'pass' as const, summary: greeting }) }] };\n`,
    );
    expect(await summaries()).toEqual(['hello from ts']);
  });
});
