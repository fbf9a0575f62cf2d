import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findConfig } from '../../src/config/find-config.js';

// A JSON config is parsed without cosmiconfig (start-up); whatever only cosmiconfig knows still goes through it.
describe('reading a JSON config', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipit-find-config-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const find = () => findConfig({ cwd: dir, repoRoot: dir });

  it('reads deploy.config.json and .shipitrc.json as they are written', async () => {
    const config = { environment: 'staging', checks: [{ type: 'command', name: 'unit', run: 'true' }] };
    await writeFile(join(dir, 'deploy.config.json'), JSON.stringify(config));
    expect(await find()).toEqual({ file: join(dir, 'deploy.config.json'), raw: config });
    await rm(join(dir, 'deploy.config.json'));
    await writeFile(join(dir, '.shipitrc.json'), '\n{ "remote": "upstream" }\n');
    expect(await find()).toEqual({ file: join(dir, '.shipitrc.json'), raw: { remote: 'upstream' } });
  });

  it('says where a JSON syntax error is, in the file named', async () => {
    await writeFile(join(dir, 'deploy.config.json'), '{ "environment": "staging", }\n');
    const error = await find().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'config-unreadable' });
    expect((error as Error).message).toMatch(/^deploy\.config\.json: failed to load: .*JSON/s);
  });

  it("still merges `$import` and reads package.json's shipit key, as cosmiconfig does", async () => {
    await writeFile(join(dir, 'base.json'), JSON.stringify({ remote: 'upstream', branch: 'trunk' }));
    await writeFile(join(dir, 'deploy.config.json'), JSON.stringify({ $import: './base.json', branch: 'main' }));
    expect((await find()).raw).toMatchObject({ remote: 'upstream', branch: 'main' });
    await rm(join(dir, 'deploy.config.json'));
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'app', shipit: { environment: 'qa' } }));
    expect(await find()).toEqual({ file: join(dir, 'package.json'), raw: { environment: 'qa' } });
  });
});
