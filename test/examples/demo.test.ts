import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const sandboxOf = (output: string) => /^Sandbox: (.+)$/m.exec(output)?.[1];

describe('npm run demo', () => {
  it('tells the whole story with the real CLI in under a minute, then removes its sandbox', async () => {
    const started = Date.now();
    const demo = await execa('npx', ['tsx', 'examples/demo/demo.ts'], {
      cwd: ROOT,
      env: { NO_COLOR: '1', FORCE_COLOR: undefined },
      all: true,
      reject: false,
      timeout: 90_000,
    });
    const output = String(demo.all);
    expect(demo.exitCode, output).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);

    const commands = output.split('\n').filter((line) => line.startsWith('$ shipit'));
    expect(commands.map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual([
      '$ shipit status',
      '$ shipit check',
      '$ shipit deploy', // refused: the gate is red
      '$ shipit deploy', // --env staging --exclude
      '$ shipit deploy', // --env production --from staging
      '$ shipit deploy', // --env staging, the exclusion standing
      '$ shipit deploy', // --env production --from staging: faulty, rolled back
      '$ shipit unlock',
      '$ shipit deploy', // --exclude the culprit
      '$ shipit history',
      '$ shipit status', // --all
    ]);
    expect(output).toMatch(/✖ ci .*CI is not green on 1 of 3 commits/);
    expect(output).toMatch(/shipit deploy --exclude \w{7}/);
    expect(output).toContain('Refusing to deploy: the gate is blocked (ci).');
    expect(output).toMatch(/still excluded: \w{7} "Search products by name"/);
    expect(output).toMatch(/✖ deploy #3 of \w{7} to production is faulty: verification failed: health/);
    expect(output).toMatch(/↩ rolled back to \w{7} \(rollback #4\)/);
    expect(output).toMatch(/✔ deploy #5 of \w{7} to production succeeded and passed its verification/);
    expect(output).toContain('smoke test passed on production');
    expect(output).toMatch(/❌ production deploy by .* failed its verification/);
    expect(output).not.toMatch(/\u001b\[/);

    const sandbox = sandboxOf(output);
    expect(sandbox).toMatch(/shipit-demo-/);
    expect(existsSync(sandbox as string)).toBe(false);
  }, 120_000);

  it('removes its sandbox when interrupted in the middle of a shipit command', async () => {
    const demo = execa('node', ['--import', 'tsx', 'examples/demo/demo.ts'], {
      cwd: ROOT,
      env: { NO_COLOR: '1' },
      reject: false,
      timeout: 60_000,
    });
    let output = '';
    const sandbox = await new Promise<string>((resolve) => {
      demo.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = sandboxOf(output);
        if (found && output.includes('$ shipit check')) resolve(found);
      });
    });
    expect(existsSync(sandbox)).toBe(true);
    demo.kill('SIGINT');
    const result = await demo;
    expect(result.exitCode).toBe(130);
    expect(existsSync(sandbox)).toBe(false);
  }, 60_000);
});
