// Issue 5's benchmark: building a release minus N commits with shipit's plumbing
// (merge-tree on objects) against the baseline a person would script
// (`git worktree add` + `git revert`), on a generated repository of
// 20,000 files and 5,000+ commits with a 300-commit batch.
// Run: npx tsx bench/exclude.ts

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Commit } from '../src/gate/contract.js';
import { listCommits } from '../src/git/commits.js';
import { buildRelease } from '../src/release/build-release.js';

const FILES = 20_000;
const COMMITS = 5_000;
const BATCH = 300;
const RUNS = 5;
const IDENTITY = { GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
const ms = (value: number) => `${Math.round(value)} ms`;

const root = await mkdtemp(join(tmpdir(), 'shipit-bench-exclude-'));
const repo = join(root, 'repo');
try {
  const generatedIn = await timed(() => generateRepository(repo));
  const candidate = (await execa('git', ['rev-parse', 'main'], { cwd: repo })).stdout;
  const production = (await execa('git', ['rev-parse', `main~${BATCH}`], { cwd: repo })).stdout;
  const batch = await listCommits(repo, candidate, [production]);
  console.log(
    `repository: ${FILES} files, ${COMMITS + 1} commits, batch of ${batch.length} (generated in ${ms(generatedIn)})`,
  );
  console.log(`git: ${(await execa('git', ['--version'])).stdout}\n`);

  let goalMet = true;
  for (const count of [1, 5]) {
    // Spread across the batch, newest first, as resolveExclusions returns them.
    const exclusions = Array.from({ length: count }, (_, i) => batch[Math.floor(((i + 0.5) * BATCH) / count)]!);
    const shipit = await measureShipit(candidate, batch, exclusions);
    const baseline = await measureBaseline(candidate, exclusions);
    const ratio = baseline.ms / shipit.ms;
    const identical = shipit.tree === baseline.tree;
    console.log(
      `${count} exclusion${count > 1 ? 's' : ' '}: shipit ${ms(shipit.ms)} (median of ${RUNS})  ` +
        `baseline worktree add + revert ${ms(baseline.ms)}  ratio ${ratio.toFixed(1)}x  ` +
        `trees identical: ${identical ? 'yes' : `NO (${shipit.tree} vs ${baseline.tree})`}`,
    );
    goalMet &&= identical && ratio >= 5 && (count > 1 || shipit.ms < 1000);
  }
  console.log(`\ngoal (< 1 s for one exclusion, >= 5x faster, identical trees): ${goalMet ? 'met' : 'NOT met'}`);
  process.exitCode = goalMet ? 0 : 1;
} finally {
  await rm(root, { recursive: true, force: true });
}

async function measureShipit(candidate: string, batch: Commit[], exclusions: Commit[]) {
  const options = { candidate, batch, exclusions: exclusions.map((commit) => ({ commit, reason: 'bench' })) };
  await buildRelease(repo, options); // warm-up: the git version probe and the OS file cache
  const times: number[] = [];
  let tree = '';
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const result = await buildRelease(repo, options);
    times.push(performance.now() - started);
    if (result.kind !== 'clean') throw new Error(`bench exclusions conflict: ${result.conflicts.length}`);
    tree = result.tree;
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!, tree };
}

async function measureBaseline(candidate: string, exclusions: Commit[]) {
  const worktree = join(root, 'baseline');
  const started = performance.now();
  await execa('git', ['worktree', 'add', '-q', '--detach', worktree, candidate], { cwd: repo });
  for (const commit of exclusions) {
    await execa('git', ['revert', '--no-edit', commit.sha], { cwd: worktree, env: IDENTITY });
  }
  const tree = (await execa('git', ['rev-parse', 'HEAD^{tree}'], { cwd: worktree })).stdout;
  const elapsed = performance.now() - started;
  await execa('git', ['worktree', 'remove', '--force', worktree], { cwd: repo });
  return { ms: elapsed, tree };
}

/** One `git fast-import` stream: a first commit with every file, then small commits. */
async function generateRepository(dir: string): Promise<void> {
  await execa('git', ['init', '-q', '-b', 'main', dir]);
  const random = seededRandom(42);
  const path = (n: number) => `src/module-${String(Math.floor(n / 100)).padStart(3, '0')}/file-${n % 100}.ts`;
  const content = (n: number, version: number) =>
    Array.from({ length: 12 }, (_, line) => `export const value${line} = ${n * 100 + line}; // v${version}`).join('\n');
  const chunks: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const header = (mark: number) => {
    const when = 1_700_000_000 + mark * 60;
    return `commit refs/heads/main\nmark :${mark}\nauthor Dev <dev@example.com> ${when} +0000\ncommitter Dev <dev@example.com> ${when} +0000\n`;
  };

  chunks.push(header(1), data('initial import'));
  for (let n = 0; n < FILES; n++) chunks.push(`M 100644 inline ${path(n)}\n`, data(content(n, 0)));
  for (let mark = 2; mark <= COMMITS + 1; mark++) {
    chunks.push(header(mark), data(`change ${mark}`), `from :${mark - 1}\n`);
    for (let k = 0; k < 1 + Math.floor(random() * 3); k++) {
      const n = Math.floor(random() * FILES);
      chunks.push(`M 100644 inline ${path(n)}\n`, data(content(n, mark)));
    }
  }
  await execa('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join('') });
}

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function timed(action: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}
