// bench/gate: the gate runs checks in parallel, and the CLI starts fast.
// Run with `npm run build && npx tsx bench/gate.ts`. Prints figures; asserts nothing.
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { repoWithConfig } from './temp-repo.js';

const BIN = fileURLToPath(new URL('../bin/shipit.js', import.meta.url));
const RUNS = 7;
const env = { NO_COLOR: '1', CI: 'true' };

async function median(command: string, args: string[], cwd: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await execa(command, args, { cwd, env, reject: false });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

// 1. Parallelism: 8 checks that each sleep 1 s.
const sleepy = await repoWithConfig(
  'deploy.config.mjs',
  `const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export default { checks: Array.from({ length: 8 }, (_, i) => ({ name: 'sleep-' + i, async run() { await sleep(1000); return { status: 'pass', summary: 'slept' }; } })) };`,
);
const started = performance.now();
const { stdout } = await execa('node', [BIN, 'check', '--json'], { cwd: sleepy, env });
const wall = performance.now() - started;
const report = JSON.parse(stdout) as { durationMs: number; checks: { durationMs: number }[] };
const { checks } = report;
const sum = checks.reduce((total, check) => total + check.durationMs, 0);
const slowest = Math.max(...checks.map((check) => check.durationMs));
console.log('gate: 8 checks x 1 s');
console.log(`  process wall ${ms(wall)}, sum of checks ${ms(sum)}, slowest ${ms(slowest)}`);
console.log(`  process wall / sum = ${(wall / sum).toFixed(3)} (sequential would be ~1.0)`);
console.log(
  `  gate wall ${ms(report.durationMs)} / slowest = ${(report.durationMs / slowest).toFixed(3)} (goal <= 1.15)`,
);
console.log(`  process wall / slowest = ${(wall / slowest).toFixed(3)} (with Node's and shipit's start-up)`);

// 2. Overhead of the CLI itself against a bare node start-up, medians of RUNS.
const instantMjs = await repoWithConfig(
  'deploy.config.mjs',
  `export default { checks: [{ name: 'instant', run: () => ({ status: 'pass', summary: 'ok' }) }] };`,
);
const instantTs = await repoWithConfig(
  'deploy.config.ts',
  `const answer: { status: 'pass'; summary: string } = { status: 'pass', summary: 'ok' };\nexport default { checks: [{ name: 'instant', run: () => answer }] };`,
);
const node = await median('node', ['-e', ''], instantMjs);
const version = await median('node', [BIN, '--version'], instantMjs);
const checkMjs = await median('node', [BIN, 'check'], instantMjs);
const checkTs = await median('node', [BIN, 'check'], instantTs);
console.log(`overhead (median of ${RUNS}), baseline node -e "" = ${ms(node)}`);
console.log(`  shipit --version               ${ms(version)}  overhead ${ms(version - node)}  (goal < 250 ms)`);
console.log(`  shipit check, 1 check, .mjs    ${ms(checkMjs)}  overhead ${ms(checkMjs - node)}  (goal < 250 ms)`);
console.log(`  shipit check, 1 check, .ts     ${ms(checkTs)}  overhead ${ms(checkTs - node)}  (goal < 250 ms)`);

await Promise.all([sleepy, instantMjs, instantTs].map((dir) => rm(dir, { recursive: true, force: true })));
