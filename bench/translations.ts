// bench/translations: 50 locales x 20,000 keys, in Rails YAML, in nested JSON,
// and as the real devise-i18n locale files (../shared/corpora) replicated to
// 20,000 keys each, committed to a temp git repository; times the translations
// check against the cost of only reading the files from git and parsing them,
// measured in the same run. Each measurement runs in its own process so that
// its peak memory is its own (the process itself, tsx included, is about 90 MB).
// Reading has two baselines: every file at once (GitReader.readFiles) and one
// blob at a time, decoded and dropped (streamBlobs), the least a check that
// streams must do. CPU time is this process's (not git's): on a shared machine
// it, and the ratios to the baselines, say more than wall time. Last, the same
// check through the built CLI (`npm run build` first), as users run it.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import type { CheckContext } from '../src/gate/contract.js';
import { streamBlobs } from '../src/git/cat-file.js';
import { createGitReader } from '../src/git/reader.js';
import { builtinCheck, fakeCheckContext } from '../test/helpers/check-builders.js';

const LOCALES = 50;
const KEYS = 20_000;
const RUNS = 3;
const GOAL_MS = 1500;
const GOAL_RSS_MB = 250;
const TAGS = (
  'en fr de es it pt pt-BR nl sv da nb fi pl cs sk hu ro bg el ru uk tr ar he ja zh-Hans zh-Hant ko th vi ' +
  'id ms hi bn ta te mr fa ur sw ca hr sr sl lt lv et is ga cy'
).split(' ');

type Scenario = 'read' | 'stream' | 'parse' | 'check';
interface Measured {
  times: number[];
  /** The least CPU time of the runs: less sensitive than wall time to other work on a shared machine. */
  cpuMs: number;
  maxRssMb: number;
  summary: string;
}
// `first`: a process's first run, before the JIT warmed up: what one `shipit check` pays.
type Figures = Omit<Measured, 'times'> & { best: number; first: number };
type Format = 'yaml' | 'json' | 'corpus';
const GLOBS: Record<Format, string> = {
  yaml: 'config/locales/*.yml',
  json: 'public/locales/*/app.json',
  corpus: 'corpus/locales/*.yml',
};
const CORPUS = 'devise-i18n/rails/locales';

function corpusDir(): string {
  const root = resolve(import.meta.dirname, '..');
  const candidates = [process.env.SHIPIT_CORPORA, resolve(root, '../shared/corpora'), '/work/shared/corpora'];
  const found = candidates.find((dir) => dir && existsSync(join(dir, CORPUS)));
  if (!found) throw new Error(`the corpus is missing: expected ${CORPUS} in ${resolve(root, '../shared/corpora')}`);
  return join(found, CORPUS);
}

/**
 * 50 real locale files (en and 49 others), each replicated under `part0:`,
 * `part1:`… up to 20,000 keys: real texts, plurals, block scalars and quoted
 * texts over lines at scale (the 72 files hold no anchor).
 */
async function corpusFiles(): Promise<Record<string, string>> {
  const dir = corpusDir();
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yml') && name !== 'en.yml').sort();
  const files: Record<string, string> = {};
  let copies = 0;
  for (const name of ['en.yml', ...names.slice(0, LOCALES - 1)]) {
    const [root, ...body] = (await readFile(join(dir, name), 'utf8')).trimEnd().split('\n');
    copies ||= Math.ceil(KEYS / body.filter((line) => /:\s*\S/.test(line)).length);
    // Anchors, should a file hold one, must stay unique in the file: each copy renames its own.
    const parts = Array.from({ length: copies }, (_, part) =>
      [`  part${part}:`, ...body.map((line) => `  ${line}`.replace(/([&*])(\w+)/g, `$1$2_${part}`))].join('\n'),
    );
    files[`corpus/locales/${name}`] = `${root}\n${parts.join('\n')}\n`;
  }
  return files;
}

/** key -> text for one locale; every 25th key is a plural group with the locale's own forms. */
function localeTree(tag: string, index: number): Record<string, unknown> {
  const forms = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
  const tree: Record<string, Record<string, Record<string, unknown>>> = {};
  for (let key = 0; key < KEYS; key++) {
    // Each target lags by a few keys, so the check has something to report.
    if (index > 0 && key % 5000 === index) continue;
    const section = `section${Math.floor(key / 400)}`;
    const group = `group${Math.floor(key / 20) % 20}`;
    tree[section] ??= {};
    tree[section][group] ??= {};
    const text = `${tag} text ${key} for %{name}`;
    tree[section][group][`key${key}`] =
      key % 25 === 0 ? Object.fromEntries(forms.map((form) => [form, `${text} (${form}) %{count}`])) : text;
  }
  return tree;
}

function toYaml(tag: string, tree: Record<string, unknown>, indent = '  '): string {
  let out = indent === '  ' ? `${tag}:\n` : '';
  for (const [key, value] of Object.entries(tree)) {
    out +=
      typeof value === 'string'
        ? `${indent}${key}: "${value}"\n`
        : `${indent}${key}:\n${toYaml(tag, value as Record<string, unknown>, `${indent}  `)}`;
  }
  return out;
}

async function createRepository(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'shipit-bench-translations-'));
  await execa('git', ['init', '-q', '-b', 'main', dir]);
  for (const [path, text] of Object.entries(await corpusFiles())) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  for (const [index, tag] of TAGS.slice(0, LOCALES).entries()) {
    const tree = localeTree(tag, index);
    const files = {
      [`config/locales/${tag}.yml`]: toYaml(tag, tree),
      [`public/locales/${tag}/app.json`]: JSON.stringify(tree, null, 2),
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
  }
  await execa('git', ['add', '-A'], { cwd: dir });
  await execa('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'locales'], {
    cwd: dir,
  });
  return dir;
}

function context(dir: string, sha: string): CheckContext {
  const signal = new AbortController().signal; // a bench run takes as long as it takes
  return fakeCheckContext({ repoRoot: dir, candidate: { sha, ref: 'main' }, signal, git: createGitReader(dir, sha) });
}

/** Runs in a child process: one scenario, RUNS times, printing JSON figures. */
async function measure(scenario: Scenario, format: Format, dir: string): Promise<void> {
  const sha = (await execa('git', ['rev-parse', 'HEAD'], { cwd: dir })).stdout;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let summary = '';
  for (let run = 0; run < RUNS; run++) {
    // Each run starts clean, as the CLI does: peak memory is one run's, not three runs' garbage.
    globalThis.gc?.();
    const ctx = context(dir, sha);
    const check = scenario === 'check' ? await builtinCheck('translations', { files: GLOBS[format] }) : null;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    // The yaml package takes tens of seconds for 50 files: it parses 5, and that part is scaled up.
    let extraMs = 0;
    let extraCpuMs = 0;
    if (scenario === 'stream') {
      const paths = await ctx.git.listFiles([GLOBS[format]]);
      let chars = 0;
      await streamBlobs(
        dir,
        paths.map((path) => `${sha}:${path}`),
        (_, content) => {
          chars += content?.toString('utf8').length ?? 0;
        },
        // As the check reads: one buffer used again from blob to blob.
        { reuse: true },
      );
      summary = `${chars.toLocaleString('en-US')} characters`;
    } else if (check) {
      summary = (await check.run(ctx)).summary;
    } else {
      const texts = [...(await ctx.git.readFiles(await ctx.git.listFiles([GLOBS[format]]))).values()];
      if (scenario === 'parse' && format === 'json') for (const text of texts) JSON.parse(text);
      if (scenario === 'parse' && format !== 'json') {
        const { parse } = await import('yaml');
        const [sampleStart, sampleCpu] = [performance.now(), process.cpuUsage()];
        for (const text of texts.slice(0, 5)) parse(text);
        const factor = texts.length / 5 - 1;
        const sample = process.cpuUsage(sampleCpu);
        extraMs = (performance.now() - sampleStart) * factor;
        extraCpuMs = ((sample.user + sample.system) / 1000) * factor;
      }
    }
    const cpu = process.cpuUsage(cpuStart);
    times.push(performance.now() - start + extraMs);
    cpuTimes.push((cpu.user + cpu.system) / 1000 + extraCpuMs);
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ times, cpuMs: Math.min(...cpuTimes), maxRssMb, summary }));
}

async function main(): Promise<void> {
  const started = performance.now();
  const dir = await createRepository();
  console.log(
    `${LOCALES} locales x ${KEYS.toLocaleString('en-US')} keys, YAML and JSON, committed in ${((performance.now() - started) / 1000).toFixed(1)} s; ${load()}`,
  );
  try {
    for (const format of ['yaml', 'json', 'corpus'] as const) {
      const figures = {} as Record<Scenario, Figures>;
      for (const scenario of ['read', 'stream', 'parse', 'check'] as const) {
        const args = [...process.execArgv, '--expose-gc', import.meta.filename, 'measure', scenario, format, dir];
        const child = await execa(process.execPath, args);
        const { times, cpuMs, maxRssMb, summary } = JSON.parse(child.stdout) as Measured;
        figures[scenario] = { best: Math.min(...times), first: times[0] as number, cpuMs, maxRssMb, summary };
      }
      const { read, stream, parse, check } = figures;
      const line = (label: string, figure: Figures) =>
        `  ${label.padEnd(52)} ${figure.best.toFixed(0).padStart(6)} ms  (cpu ${figure.cpuMs.toFixed(0).padStart(6)} ms)   peak RSS ${figure.maxRssMb.toFixed(0)} MB`;
      const label = format === 'corpus' ? 'REAL FILES (devise-i18n, replicated)' : format.toUpperCase();
      console.log(`\n${label} (${GLOBS[format]}), best of ${RUNS}:`);
      console.log(line('read from git, all files at once', read));
      console.log(line('read from git, one blob at a time', stream));
      console.log(
        line(`read + parse (${format === 'json' ? 'JSON.parse' : 'yaml package, scaled from 5 files'})`, parse),
      );
      console.log(`${line('translations check', check)}; first run ${check.first.toFixed(0)} ms`);
      console.log(
        `  check / read = ${(check.best / read.best).toFixed(1)}x wall, ${(check.cpuMs / read.cpuMs).toFixed(1)}x cpu; check / streamed read = ${(check.best / stream.best).toFixed(1)}x wall, ${(check.cpuMs / stream.cpuMs).toFixed(1)}x cpu; check / read+parse = ${(check.best / parse.best).toFixed(2)}x wall`,
      );
      const met = (value: number, goal: number) => (value < goal ? 'met' : 'MISSED');
      console.log(
        `  goals: < ${GOAL_MS} ms ${met(check.best, GOAL_MS)} (first run ${met(check.first, GOAL_MS)}, cpu ${met(check.cpuMs, GOAL_MS)}), < ${GOAL_RSS_MB} MB ${met(check.maxRssMb, GOAL_RSS_MB)}`,
      );
      const cli = await throughCli(dir, format);
      const cliCheck = Math.min(...cli.map((run) => run.check));
      console.log(
        `  shipit check, built CLI, a process per run:  the check ${cliCheck.toFixed(0)} ms, whole process ${Math.min(...cli.map((run) => run.wall)).toFixed(0)} ms (best of ${RUNS}); goal < ${GOAL_MS} ms for the check: ${met(cliCheck, GOAL_MS)}`,
      );
      console.log(`  ${check.summary.slice(0, 160)}`);
    }
    console.log(`\n${load()}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const BIN = resolve(import.meta.dirname, '../bin/shipit.js');

/**
 * The check as users run it: `shipit check` of the built CLI, a process per run, so each run is
 * cold (its own start-up, JIT and heap). Whole process and the check's own time (its durationMs).
 */
async function throughCli(dir: string, format: Format): Promise<{ wall: number; check: number }[]> {
  const config = join(dir, '.git', `bench-${format}.json`);
  await writeFile(config, JSON.stringify({ checks: [{ type: 'translations', files: GLOBS[format] }] }));
  const runs: { wall: number; check: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const args = [BIN, '--config', config, 'check', '--no-fetch', '--json'];
    const { stdout } = await execa(process.execPath, args, { cwd: dir, reject: false });
    const wall = performance.now() - start;
    const report = JSON.parse(stdout) as { checks: { durationMs: number }[] };
    runs.push({ wall, check: report.checks[0]?.durationMs ?? Number.NaN });
  }
  return runs;
}

/** The machine's load: on a shared machine, wall times mean little above about 1 per core. */
function load(): string {
  return `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(', ')} on ${availableParallelism()} cores`;
}

if (process.argv[2] === 'measure') {
  await measure(process.argv[3] as Scenario, process.argv[4] as Format, process.argv[5]!);
} else if (process.argv[2] === 'repository') {
  // For profiling: `tsx bench/translations.ts repository` keeps the repository and prints its path.
  console.log(await createRepository());
} else {
  await main();
}
