// bench/startup: what starting shipit costs against starting Node itself.
// Paired runs: baseline (`node -e ""`) and subject alternate, so machine load
// hits both alike; the figures are medians and the ratio of the medians.
// Wall and CPU (user+sys of the child and everything it waited for: git, the
// check's command, worker threads) are taken by bash around the child, so
// spawning bash costs neither side anything.
// Run: npm run build && npx tsx bench/startup.ts [runs]. Exit code 1 when a goal is not met.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cloneWithConfig, repoWithConfig } from './temp-repo.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/shipit.js', import.meta.url));
const RUNS = Number(process.argv[2] ?? 30);
const CHECK = { type: 'command', name: 'instant', run: 'true' };
const CONFIGS: Record<string, string> = {
  'deploy.config.mjs': `export default { checks: [${JSON.stringify(CHECK)}] };\n`,
  'deploy.config.json': `${JSON.stringify({ checks: [CHECK] })}\n`,
  'deploy.config.ts': `const run: string = 'true';\nexport default { checks: [{ type: 'command' as const, name: 'instant', run }] };\n`,
};
// $EPOCHREALTIME is bash 5's clock in microseconds; `times` prints the children's user and sys time.
const TIMED = 's=$EPOCHREALTIME; "$@" >/dev/null 2>&1; c=$?; e=$EPOCHREALTIME; times; echo "$s $e $c"';

interface Sample {
  wall: number;
  cpu: number;
}

/** Runs one command under bash's clock; wall and child CPU in ms. */
async function sample(command: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Sample> {
  const { stdout } = await run('bash', ['-c', TIMED, 'timed', ...command], { cwd, env });
  const [, children, clock] = stdout.trim().split('\n');
  const [start, end, code] = (clock as string).split(' ').map(Number) as [number, number, number];
  if (code !== 0) throw new Error(`${command.join(' ')} exited ${code} in ${cwd}`);
  const seconds = [...(children as string).matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { wall: (end - start) * 1000, cpu: seconds.reduce((sum, value) => sum + value, 0) * 1000 };
}

/** The q-quantile (0.5: the median), interpolated between the two nearest samples. */
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low);
};
const median = (values: number[]) => quantile(values, 0.5);

/** Alternates baseline and subject RUNS times each (after one warm-up of each); medians of both. */
async function paired(subject: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const baseline = ['node', '-e', ''];
  await sample(baseline, cwd, env);
  await sample(subject, cwd, env);
  const base: Sample[] = [];
  const mine: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(await sample(baseline, cwd, env));
    mine.push(await sample(subject, cwd, env));
  }
  const summary = (samples: Sample[]) => ({
    wall: median(samples.map((s) => s.wall)),
    cpu: median(samples.map((s) => s.cpu)),
  });
  // Each pair's own ratio: its spread shows how much the machine's load moved the figures.
  const ratios = mine.map((s, i) => s.wall / (base[i] as Sample).wall);
  const spread = { low: quantile(ratios, 0.25), high: quantile(ratios, 0.75) };
  return { base: summary(base), subject: summary(mine), spread };
}

const ms = (value: number) => `${value.toFixed(0).padStart(4)} ms`;
const scratch = await mkdtemp(join(tmpdir(), 'shipit-bench-startup-cache-'));
// A private cache for compiled TS configs: the warm-up run fills it, as a team's second run would.
const env = { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: scratch };
// goal null: reported, with no goal of its own (the goals are without a remote).
const cases: { label: string; goal: number | null; dir: string; args: string[]; root?: string }[] = [
  { label: 'shipit --version', goal: 1.3, dir: scratch, args: ['--version'] },
];
for (const [name, text] of Object.entries(CONFIGS)) {
  const dir = await repoWithConfig(name, text, 'shipit-bench-startup-');
  cases.push({
    label: `check --no-fetch, ${name.split('.').pop()} config`,
    goal: 2,
    dir,
    args: ['check', '--no-fetch'],
  });
}
// With a bare origin on a local path: check fetches the branch and the state (no network, so the figure
// is git's and shipit's own cost of fetching, not a network's).
const origin = await cloneWithConfig(
  'deploy.config.mjs',
  CONFIGS['deploy.config.mjs'] as string,
  'shipit-bench-startup-',
);
cases.push({ label: 'check with fetch, origin, mjs', goal: null, ...origin, args: ['check'] });

const load = (await run('cat', ['/proc/loadavg']).catch(() => ({ stdout: 'n/a' }))).stdout.trim();
console.log(`startup: ${RUNS} paired runs per case against node -e "" (${process.version}); load average ${load}`);
// Said on every run so no one reads more into the figures.
console.log(
  'each repository has one commit; the --no-fetch cases have no remote (no fetch is measured); the last case fetches\n' +
    'the branch and the state from a bare origin on a local path, and has no goal of its own: it shows what fetching adds',
);
console.log(
  'case                          node wall  shipit wall  ratio  goal        over node  node cpu  shipit cpu  pair ratios p25-p75',
);
let met = true;
try {
  for (const { label, goal, dir, args } of cases) {
    const { base, subject, spread } = await paired(['node', BIN, ...args], dir, env);
    const ratio = subject.wall / base.wall;
    if (goal !== null) met &&= ratio <= goal;
    const verdict = goal === null ? 'no goal   ' : `<=${goal}x ${ratio <= goal ? 'ok ' : 'NOT'}`;
    console.log(
      `${label.padEnd(30)}${ms(base.wall)}    ${ms(subject.wall)}  ${ratio.toFixed(2)}x  ${verdict.padEnd(10)}  ` +
        `${ms(subject.wall - base.wall)}   ${ms(base.cpu)}  ${ms(subject.cpu)}     ` +
        `${spread.low.toFixed(2)}-${spread.high.toFixed(2)}x`,
    );
  }
} finally {
  const dirs = [scratch, ...cases.map((c) => c.root ?? c.dir)];
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}
const after = (await run('cat', ['/proc/loadavg']).catch(() => ({ stdout: 'n/a' }))).stdout.trim();
console.log(
  `\ngoals (wall, ratio of medians; the case with no goal is left out): ${met ? 'met' : 'NOT met'}; load average at the end ${after}`,
);
process.exitCode = met ? 0 : 1;
