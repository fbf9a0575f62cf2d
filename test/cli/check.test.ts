import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorld, type World } from '../helpers/git-world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.cleanup());

const writeConfig = (name: string, text: string) => writeFile(join(world.repo.dir, name), text);
const check = (...args: string[]) => runCli(['check', ...args], { cwd: world.repo.dir });

describe('shipit check', () => {
  it('runs every check in parallel and reports each one with the verdict last', async () => {
    // A rendezvous: each check says it started, then waits until all three did. Run one after
    // another, the first would wait for the others until its timeout and fail; only a parallel run passes.
    const rendezvous = join(world.root, 'rendezvous');
    await writeConfig(
      'deploy.config.mjs',
      `import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const dir = ${JSON.stringify(rendezvous)};
const meet = async (name, outcome) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), '');
  while (!['a', 'b', 'c'].every((other) => existsSync(join(dir, other)))) await new Promise((r) => setTimeout(r, 20));
  return outcome;
};
export default { checks: [
  { name: 'a', timeout: '25s', run: () => meet('a', { status: 'pass', summary: 'a ok' }) },
  { name: 'b', timeout: '25s', run: () => meet('b', { status: 'warn', summary: 'b meh', details: ['look here'] }) },
  { name: 'c', timeout: '25s', run: () => meet('c', { status: 'pass', summary: 'c ok', url: 'https://example.test/c' }) },
] };`,
    );
    const result = await check('--json');
    expect(result.exitCode, result.stdout).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(true);
    expect(report.environment).toBe('production');
    expect(report.candidate).toEqual({ sha: await world.repo.head(), ref: 'origin/main' });
    expect(report.live).toBeNull();
    expect(report.checks.map((c: { name: string; status: string }) => `${c.name}:${c.status}`)).toEqual([
      'a:pass',
      'b:warn',
      'c:pass',
    ]);
    expect(report.checks[1].details).toEqual(['look here']);
    expect(report.checks[2].url).toBe('https://example.test/c');
  }, 60_000);

  it('prints a plain report with marks, details and the verdict when not on a TTY', async () => {
    await writeConfig(
      'deploy.config.mjs',
      `export default { checks: [
  { name: 'good', run: () => ({ status: 'pass', summary: 'all fine' }) },
  { name: 'bad', run: () => ({ status: 'fail', summary: 'broken', details: ['line one'] }) },
  { name: 'meh', severity: 'warning', run: () => ({ status: 'fail', summary: 'not great' }) },
] };`,
    );
    const result = await check();
    expect(result.exitCode).toBe(1);
    expect(result.stdout).not.toMatch(/\u001b\[/);
    expect(result.stdout).toMatch(/✔ good\s+\S+\s+all fine/);
    expect(result.stdout).toMatch(/✖ bad\s+\S+\s+broken\n\s+line one/);
    expect(result.stdout).toMatch(/⚠ meh\s+\S+\s+not great/);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('GATE BLOCKED: 1 failing, 1 warning');
  });

  it('turns a hanging, throwing or malformed check into a failure without taking the gate down', async () => {
    await writeConfig(
      'deploy.config.mjs',
      `export default { checks: [
  { name: 'hangs', timeout: '1s', run: () => new Promise(() => {}) },
  { name: 'throws-string', run() { throw 'just a string'; } },
  { name: 'rejects', async run() { throw new Error('database exploded'); } },
  { name: 'green', run: () => ({ status: 'green', summary: 'looks good' }) },
  { name: 'nothing', run: () => undefined },
  { name: 'fine', run: () => ({ status: 'pass', summary: 'ok' }) },
] };`,
    );
    // No wall-clock budget (a loaded machine is slow): the hang ending as "timed out after 1.0s" is the proof.
    const result = await check('--json');
    expect(result.exitCode).toBe(1);
    const byName = Object.fromEntries(JSON.parse(result.stdout).checks.map((c: { name: string }) => [c.name, c]));
    expect(byName.hangs).toMatchObject({ status: 'fail', summary: 'timed out after 1.0s' });
    expect(byName['throws-string']).toMatchObject({ status: 'fail', summary: 'crashed: just a string' });
    expect(byName.rejects).toMatchObject({ status: 'fail', summary: 'crashed: database exploded' });
    expect(byName.green.status).toBe('fail');
    expect(byName.green.summary).toContain('status: expected one of "pass", "warn", "fail", "skip", got "green"');
    expect(byName.nothing).toMatchObject({ status: 'fail' });
    expect(byName.fine).toMatchObject({ status: 'pass' });
  });

  it('runs command checks as real processes and shows the end of a failing one', async () => {
    await writeConfig(
      'deploy.config.json',
      JSON.stringify({
        checks: [
          { type: 'command', name: 'ok', run: 'echo fine' },
          { type: 'command', name: 'fails', run: "printf 'one\\ntwo\\nthree\\n'; exit 3" },
          { type: 'command', name: 'slow', run: ['sleep', '30'], timeout: '1s' },
        ],
      }),
    );
    const result = await check('--json');
    const byName = Object.fromEntries(JSON.parse(result.stdout).checks.map((c: { name: string }) => [c.name, c]));
    expect(byName.ok.status).toBe('pass');
    expect(byName.fails).toMatchObject({ status: 'fail', summary: "`printf 'one\\ntwo\\nthree\\n'; exit 3` exited 3" });
    expect(byName.fails.details).toEqual(['one', 'two', 'three']);
    expect(byName.slow).toMatchObject({ status: 'fail', summary: 'timed out after 1.0s' });
  });

  it('reads repository files at the candidate commit, not from the work tree', async () => {
    await world.repo.commit('add version', { files: { VERSION: 'committed\n' } });
    await world.repo.push();
    await writeFile(join(world.repo.dir, 'VERSION'), 'edited in the work tree\n');
    await writeConfig(
      'deploy.config.mjs',
      `export default { checks: [{ name: 'version', async run(ctx) {
  return { status: 'pass', summary: (await ctx.git.readFile('VERSION')).trim() };
} }] };`,
    );
    const result = await check('--json');
    expect(JSON.parse(result.stdout).checks[0].summary).toBe('committed');
  });

  it('checks the fetched tip of origin/<branch>, or --ref', async () => {
    const other = await world.clone('other');
    const pushed = await other.commit('feat: from another laptop');
    await other.push();
    await writeConfig('deploy.config.json', JSON.stringify({ checks: [{ type: 'batch-size', name: 'size' }] }));
    const tip = JSON.parse((await check('--json')).stdout);
    expect(tip.candidate.sha).toBe(pushed);
    const first = await world.repo.head();
    const pinned = JSON.parse((await check('--json', '--ref', first)).stdout);
    expect(pinned.candidate.sha).toBe(first);
  });

  it('fetches the branch and the state from the remote in one fetch', async () => {
    const other = await world.clone('other');
    const pushed = await other.commit('feat: from another laptop');
    await other.push();
    // Each fetch starts one upload-pack on the remote's side: this one notes that it ran.
    const log = join(world.root, 'upload-packs');
    const uploadPack = join(world.root, 'upload-pack.sh');
    await writeFile(uploadPack, `#!/bin/sh\necho ran >> '${log}'\nexec git-upload-pack "$@"\n`, { mode: 0o755 });
    await world.repo.git('config', 'remote.origin.uploadpack', uploadPack);
    await writeConfig('deploy.config.json', JSON.stringify({ checks: [{ type: 'batch-size', name: 'size' }] }));
    const report = JSON.parse((await check('--json')).stdout);
    expect(report.candidate.sha).toBe(pushed);
    expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual(['ran']);
    // `status` too: one fetch brings the state and a branch that moved since.
    const later = await other.commit('feat: later still');
    await other.push();
    await rm(log);
    const status = JSON.parse((await runCli(['status', '--json'], { cwd: world.repo.dir })).stdout);
    expect(status.candidate.sha).toBe(later);
    expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual(['ran']);
  });

  it('loads a TypeScript config, with types, and honours --only and --skip --reason', async () => {
    await writeConfig(
      'deploy.config.ts',
      `interface Answer { status: 'pass'; summary: string }
const answer = (summary: string): Answer => ({ status: 'pass', summary });
export default { checks: [
  { name: 'one', run: () => answer('first') },
  { name: 'two', run: () => answer('second') },
  { name: 'three', run: () => answer('third') },
] };`,
    );
    const only = JSON.parse((await check('--json', '--only', 'two')).stdout);
    expect(only.checks.map((c: { name: string }) => c.name)).toEqual(['two']);
    const skipped = JSON.parse((await check('--json', '--skip', 'one', '--reason', 'flaky today')).stdout);
    expect(skipped.ok).toBe(true);
    expect(skipped.checks[0]).toMatchObject({ name: 'one', status: 'skip', skipReason: 'flaky today' });
  });

  it('appends a Markdown report to GITHUB_STEP_SUMMARY', async () => {
    await writeConfig(
      'deploy.config.mjs',
      `export default { checks: [{ name: 'x', run: () => ({ status: 'pass', summary: 'fine' }) }] };`,
    );
    const summary = join(tmpdir(), `summary-${process.pid}-${Date.now()}.md`);
    await writeFile(summary, '');
    const result = await runCli(['check'], { cwd: world.repo.dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(result.exitCode).toBe(0);
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toContain('GATE PASSED: 1/1 green');
    expect(markdown).toContain('| ✔ | x |');
  });

  it('colors the report when FORCE_COLOR is set', async () => {
    await writeConfig(
      'deploy.config.mjs',
      `export default { checks: [{ name: 'x', run: () => ({ status: 'pass', summary: 'fine' }) }] };`,
    );
    const result = await runCli(['check'], { cwd: world.repo.dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(result.stdout).toMatch(/\u001b\[32m/);
  });

  it('still answers offline, from what was fetched last, and says so; deploy refuses to ship a stale tip', async () => {
    await writeConfig(
      'deploy.config.json',
      JSON.stringify({ checks: [{ type: 'command', name: 'ok', run: 'true' }], deploy: { run: 'true' } }),
    );
    expect((await runCli(['deploy', '--yes'], { cwd: world.repo.dir })).exitCode).toBe(0);
    await world.repo.git('remote', 'set-url', 'origin', join(world.root, 'gone.git'));
    const offline = await check('--json');
    expect(offline.exitCode).toBe(0);
    const report = JSON.parse(offline.stdout);
    expect(report.live).toMatchObject({ sha: await world.repo.head() });
    expect(report.notes.join('\n')).toMatch(/could not fetch/);
    expect(report.notes.join('\n')).toMatch(/showing the state fetched last time/);
    const deploy = await runCli(['deploy', '--yes'], { cwd: world.repo.dir });
    expect(deploy.exitCode).toBe(3);
    expect(deploy.stderr).toMatch(/error\[state-remote-failed\] .*origin/);
  });
});
