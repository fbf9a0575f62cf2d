import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { createWorld, type World } from '../helpers/git-world.js';

// Checks written in JS run isolated in worker threads: whatever they do, the
// gate answers, on time, and shipit's own output and bookkeeping stay whole.

let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.cleanup());

const configFile = () => join(world.repo.dir, '.git', 'deploy.config.mjs');
const shipit = (args: string[], env: Record<string, string> = {}) =>
  runCli(['--config', configFile(), ...args], { cwd: world.repo.dir, env });

interface JsonCheck {
  name: string;
  status: string;
  summary: string;
  details: string[];
}
/** Resolves once the running command has printed something matching `pattern`. */
function waitForOutput(child: ReturnType<typeof execa>, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.all?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) resolve();
    });
    setTimeout(() => reject(new Error(`no output matching ${pattern} yet: ${seen}`)), 15_000);
  });
}

const byName = (stdout: string) =>
  Object.fromEntries((JSON.parse(stdout) as { checks: JsonCheck[] }).checks.map((check) => [check.name, check]));

describe('JS checks cannot hang, crash or exit shipit', () => {
  it('a busy loop, process.exit, a late throw and a stray rejection each fail only their own check', async () => {
    await writeFile(
      configFile(),
      `console.log('config says hello');
export default {
  checks: [
    { name: 'busy', timeout: '1s', run: () => { for (;;) {} } },
    { name: 'exits', run: () => process.exit(7) },
    { name: 'late-throw', run: () => new Promise(() => setTimeout(() => { throw new Error('boom later'); }, 10)) },
    { name: 'stray', run: async () => { Promise.reject(new Error('nobody awaited me')); await new Promise((r) => setTimeout(r, 5000)); return { status: 'pass', summary: 'never' }; } },
    { name: 'fine', run: async (ctx) => { console.log('check says hello'); return { status: 'pass', summary: 'ok on ' + ctx.environment }; } },
  ],
};
`,
    );
    const started = Date.now();
    const result = await shipit(['check', '--no-fetch', '--json']);
    expect(result.exitCode).toBe(1);
    // stdout is exactly one JSON object: the config's and the check's console.log went to stderr.
    const checks = byName(result.stdout);
    expect(result.stderr).toContain('config says hello');
    expect(result.stderr).toContain('check says hello');
    expect(checks.busy?.summary).toBe('timed out after 1.0s');
    expect(checks.exits?.summary).toBe("crashed: it ended shipit's worker (process.exit(7)) before answering");
    expect(checks['late-throw']?.summary).toBe('crashed: boom later');
    expect(checks.stray?.summary).toBe('crashed: nobody awaited me');
    expect(checks.fine).toMatchObject({ status: 'pass', summary: 'ok on production' });
    // The busy loop was terminated at its timeout, not waited for.
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  it('Ctrl-C during a deploy whose check busy-loops is heard at once: interrupted, exit 130', async () => {
    // deploy handles Ctrl-C in JS (to stop its script and do its bookkeeping): a busy loop on
    // shipit's own thread would keep that handler from ever running.
    await writeFile(
      configFile(),
      `export default { deploy: { run: 'echo deployed' }, checks: [{ name: 'busy', timeout: '10m', run: () => { for (;;) {} } }] };\n`,
    );
    const deploy = execa('node', [BIN, '--config', configFile(), 'deploy', '--yes'], {
      cwd: world.repo.dir,
      env: { NO_COLOR: '1', CI: 'true' },
      reject: false,
      all: true,
    });
    await waitForOutput(deploy, /production: nothing →/);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const interrupted = Date.now();
    deploy.kill('SIGINT');
    const result = await deploy;
    expect(result.exitCode).toBe(130);
    expect(Date.now() - interrupted).toBeLessThan(10_000);
    expect(result.all).toContain('interrupted during the gate: nothing was deployed');
    expect(result.all).not.toMatch(/^deployed$/m);
  });

  it('a deploy whose check crashes asynchronously is blocked cleanly: no lock, no running record', async () => {
    await writeFile(
      configFile(),
      `export default {
  deploy: { run: 'echo deployed' },
  checks: [{ name: 'flaky', run: () => { setTimeout(() => Promise.reject(new Error('late')), 1); return new Promise(() => {}); } }],
};
`,
    );
    const deploy = await shipit(['deploy', '--yes']);
    expect(deploy.exitCode).toBe(1);
    expect(deploy.stdout).toMatch(/flaky .*crashed: late/);
    const status = await shipit(['status', '--no-fetch', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ lock: null });
    const history = await shipit(['history', '--json']);
    expect(history.stdout).not.toContain('running');
  });

  it('a TS plugin check reads git, runs commands and reports progress through the main thread, with secrets masked', async () => {
    const plugin = join(world.repo.dir, '.git', 'readme-check.ts');
    await writeFile(
      plugin,
      `import type { CheckContext } from 'shipit-gate';
export default (options: { word: string }) => ({
  name: 'readme',
  async run(ctx: CheckContext) {
    ctx.progress('reading');
    const readme: string | null = await ctx.git.readFile('README.md');
    const echoed = await ctx.exec('echo "token=$API_TOKEN sha=$SHIPIT_SHA"');
    return { status: 'fail' as const, summary: \`\${options.word}: \${readme?.trim()}\`, details: [echoed.output.trim()] };
  },
});
`,
    );
    await writeFile(configFile(), `export default { checks: [{ type: ${JSON.stringify(plugin)}, word: 'found' }] };\n`);
    const result = await shipit(['check', '--no-fetch', '--json'], { API_TOKEN: 'hunter2-very-secret' });
    const readme = byName(result.stdout).readme;
    expect(readme?.summary).toBe('found: # app');
    const head = await world.repo.head();
    expect(readme?.details).toEqual([`token=*** sha=${head}`]);
    expect(result.stdout).not.toContain('hunter2');
  });
});
