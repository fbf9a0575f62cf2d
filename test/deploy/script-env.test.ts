import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

/** The `    NAME=value` lines a dry run prints under "would run". */
function printedVariables(stdout: string): Record<string, string> {
  const lines = stdout.split('\n').filter((line) => /^ {4}[A-Z_]+=/.test(line));
  return Object.fromEntries(lines.map((line) => [line.slice(4, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

// The check dumps what its command sees, as the deploy script does (see deploy-world.ts).
const dumpingCheck = {
  type: 'command',
  name: 'env-dump',
  run: `mkdir -p "$DEPLOY_ROOT" && env | grep '^SHIPIT_' | sort > "$DEPLOY_ROOT/check.env"`,
  on: ['deploy', 'rollback'],
};

describe('the SHIPIT_* variables', () => {
  it('are what the dry run printed, for a deploy with an exclusion and for a rollback, and the checks see the same', async () => {
    const { repo } = world;
    // A variable of the team's own (printed and passed too) and one a config cannot override.
    await world.writeConfig(repo, {
      checks: [dumpingCheck],
      deploy: { run: world.script, env: { SHIPIT_SLOT: 'blue', SHIPIT_SHA: 'not-this' } },
    });
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
    await repo.commit('feat: cart', { files: { 'cart.txt': 'cart\n' }, author: 'ana' });
    const bad = await repo.commit('feat: search v2', { files: { 'search.txt': 'search v2\n' }, author: 'bo' });
    await repo.push();

    const args = ['deploy', '--exclude', bad.slice(0, 8), '--reason', 'search returns 500s'];
    const dry = await world.shipit(repo, [...args, '--dry-run']);
    expect(dry.exitCode).toBe(0);
    const promised = printedVariables(dry.stdout);
    expect(promised.SHIPIT_DEPLOY_ID).toBe('(assigned when it runs)');
    expect(promised.SHIPIT_EXCLUDED).toBe(bad);

    expect((await world.shipit(repo, [...args, '--yes'])).exitCode).toBe(0);
    const received = await world.scriptEnv(2);
    expect(received).toEqual({ ...promised, SHIPIT_DEPLOY_ID: '2' });
    expect(received.SHIPIT_SLOT).toBe('blue');
    expect(received.SHIPIT_SHA).not.toBe('not-this');
    expect(await checkSaw()).toEqual(commitPart(received));

    const dryRollback = await world.shipit(repo, ['rollback', '--dry-run']);
    expect(dryRollback.exitCode).toBe(0);
    const promisedRollback = printedVariables(dryRollback.stdout);
    expect((await world.shipit(repo, ['rollback', '--yes'])).exitCode).toBe(0);
    const receivedRollback = await world.scriptEnv(3);
    expect(receivedRollback).toEqual({ ...promisedRollback, SHIPIT_DEPLOY_ID: '3' });
    expect(receivedRollback).toMatchObject({ SHIPIT_ACTION: 'rollback', SHIPIT_PREVIOUS_SHA: received.SHIPIT_SHA });
    expect(await checkSaw()).toEqual(commitPart(receivedRollback));
  }, 120_000); // seven CLI runs against real git
});

async function checkSaw(): Promise<Record<string, string>> {
  const text = await readFile(join(world.deployRoot, 'check.env'), 'utf8');
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** What a check's command is promised: the commit being judged, where it came from, what is live. */
function commitPart(env: Record<string, string>): Record<string, string> {
  const names = ['SHIPIT_ENVIRONMENT', 'SHIPIT_SHA', 'SHIPIT_REF', 'SHIPIT_PREVIOUS_SHA'];
  return Object.fromEntries(names.map((name) => [name, env[name] as string]));
}
