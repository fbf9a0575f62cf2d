import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strictAjv } from '../json/ajv.js';
import { healthyWorld, history, lockOf } from './verify-world.js';

// `shipit verify`: the window on demand against what runs; it reports and changes nothing.

const SCHEMAS = new URL('../../docs/schemas/', import.meta.url);

async function verifySchema() {
  const ajv = strictAjv();
  const read = async (name: string) => JSON.parse(await readFile(new URL(`${name}.schema.json`, SCHEMAS), 'utf8'));
  ajv.addSchema(await read('common'));
  return ajv.compile(await read('verify'));
}

describe('shipit verify', { timeout: 300_000 }, () => {
  it('passes on a healthy release, fails once it turns unhealthy, and leaves the history and lock alone', async () => {
    const validate = await verifySchema();
    const { world } = await healthyWorld({ for: '600ms' });
    const passed = await world.shipit(world.repo, ['verify', '--json']);
    expect(passed.exitCode, passed.stderr).toBe(0);
    const document = JSON.parse(passed.stdout);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
    expect(document).toMatchObject({ verdict: 'passed', release: { id: 1, status: 'success' } });

    // The live release breaks (no deploy): verify says so, exit 3, and only reports.
    await writeFile(join(world.deployRoot, 'current', 'health.txt'), 'broken\n');
    const failed = await world.shipit(world.repo, ['verify']);
    expect(failed.exitCode).toBe(3);
    expect(failed.stdout).toMatch(/✖ [0-9a-f]{7} \(deploy #1\) failed its verification: health/);
    expect((await history(world)).map((record) => record.status)).toEqual(['success']);
    expect(await lockOf(world)).toBeNull();
  });

  it('without deploy.verify: one line saying what to add, exit 2', async () => {
    const { world } = await healthyWorld({ for: '300ms' });
    await world.writeConfig(world.repo, { checks: [] });
    const result = await world.shipit(world.repo, ['verify']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('no deploy.verify is configured');
  });
});
