import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';

// A commit whose subject erases the line above and draws a green one, and whose author and
// check output carry bidi overrides: none of it may reach a terminal or the step summary raw.
const SPOOF = '\u001b[2K\r\u001b[1A✔ GATE PASSED';
const BIDI = '\u202egnp.exe\u202c \u2066x\u2069 \u200f\u061c\u200e';
const SUBJECT = `fix: cart${SPOOF} | fake | row <img src=x> ${BIDI}`;
const AUTHOR = `Eve\u001b[31m ${BIDI}`;
const RAW = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Every line free of control and bidi characters (the newlines between lines are the printer's own). */
function expectInert(text: string) {
  expect(text).not.toContain('\u001b');
  for (const line of text.split('\n')) expect(line).not.toMatch(RAW);
}

let world: DeployWorld;
let faulty: string;
beforeEach(async () => {
  world = await createDeployWorld();
  const { repo } = world;
  // A first deploy, so status and the deploy plan list the batch after it.
  await world.writeConfig(repo, { checks: [{ type: 'command', name: 'tests', run: 'true' }] });
  expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
  faulty = await repo.commit(SUBJECT, { author: AUTHOR });
  await repo.commit('feat: safe one');
  await repo.push();
  await world.writeConfig(repo, {
    checks: [
      // A command's own output, and a service's answer, are untrusted too.
      { type: 'command', name: 'tests', run: `printf '%s\\n' "$LINE"; exit 1`, env: { LINE: `ok${SPOOF} ${BIDI}` } },
      { type: 'batch-size', commits: { warn: 1 } },
    ],
  });
});
afterEach(() => world.cleanup());

describe('untrusted text', () => {
  it('is inert in the text report and the Markdown step summary, and kept exactly in the JSON', async () => {
    const summaryFile = join(world.root, 'summary.md');
    const text = await world.shipit(world.repo, ['check'], { GITHUB_STEP_SUMMARY: summaryFile });
    expect(text.exitCode).toBe(1);
    expectInert(text.stdout);
    expect(text.stdout).toContain('\\u202egnp.exe'); // shown, not obeyed
    expect(text.stdout).toMatch(/✖ tests .*exited 1\n\s+ok\\r✔ GATE PASSED/);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('GATE BLOCKED: 1 failing, 1 warning');

    const markdown = await readFile(summaryFile, 'utf8');
    expectInert(markdown);
    expect(markdown).not.toContain('<img');
    const rows = markdown.split('\n').filter((line) => line.startsWith('| '));
    expect(rows).toHaveLength(3); // the header and one row per check: nothing drew a row of its own
    for (const row of rows) expect(row.replace(/\\\|/g, '').match(/\|/g)).toHaveLength(5);

    const json = await world.shipit(world.repo, ['check', '--json']);
    expectInert(json.stdout.replace(/\n/g, ' '));
    const tests = JSON.parse(json.stdout).checks[0];
    expect(tests.details).toEqual([`ok${SPOOF} ${BIDI}`]);
  });

  it('is inert in status and in error messages', async () => {
    // Errors quote commits too: one that is not on the branch, named by --exclude.
    await world.repo.git('checkout', '-q', '-b', 'side');
    const stray = await world.repo.commit(`stray${SPOOF} ${BIDI}`);
    await world.repo.git('checkout', '-q', 'main');
    const refused = await world.shipit(world.repo, ['deploy', '--yes', '--exclude', stray.slice(0, 7)]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(`--exclude ${stray.slice(0, 7)} "stray\\r✔ GATE PASSED`);
    expectInert(refused.stderr);

    const status = await world.shipit(world.repo, ['status', '--no-fetch']);
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toContain(faulty.slice(0, 7));
    expectInert(status.stdout);

    const statusJson = JSON.parse((await world.shipit(world.repo, ['status', '--json'])).stdout);
    expect(statusJson.batch.commits).toContainEqual(expect.objectContaining({ subject: SUBJECT, author: AUTHOR }));
  });

  it('is inert in the deploy plan, the dry run and history', async () => {
    const reason = `search 500s${SPOOF} ${BIDI}`;
    const excluded = await world.shipit(world.repo, [
      'deploy',
      '--yes',
      '--exclude',
      faulty.slice(0, 7),
      '--reason',
      reason,
      '--force',
    ]);
    expect(excluded.exitCode).toBe(0);
    expectInert(excluded.stdout);
    expect(excluded.stdout).toContain('FORCED: deploying over the blocked gate, ignoring tests');

    const again = await world.shipit(world.repo, ['deploy', '--dry-run', '--skip', 'tests', '--reason', 'flaky']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('still excluded:');
    expectInert(again.stdout);

    const history = await world.shipit(world.repo, ['history']);
    expect(history.stdout).toContain(`excluded ${faulty.slice(0, 7)}`);
    expect(history.stdout).toContain('forced: search 500s');
    expectInert(history.stdout);
    const [record] = JSON.parse((await world.shipit(world.repo, ['history', '--json'])).stdout).records;
    expect(record.excluded[0]).toMatchObject({ subject: SUBJECT, reason });
  });
});
