import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { CliResult } from './cli.js';
import { Repo } from './git-world.js';
import { type PackedProject, userEnvironment } from './packed-project.js';

/** A user's repository with shipit-gate installed, pushed to a bare origin, and one Node version to run it with. */
export interface PackedWorld {
  root: string;
  repo: Repo;
  /** `npx shipit <args>` in the repository, on this world's Node, never on a TTY. */
  npxShipit(args: string[], env?: Record<string, string | undefined>): Promise<CliResult>;
  /** The same through node_modules/.bin/shipit, without npm's start-up time. */
  shipit(args: string[], env?: Record<string, string | undefined>): Promise<CliResult>;
  /** The same on a pseudo-terminal (util-linux `script`), as a person at a terminal runs it. */
  shipitOnTerminal(args: string[], env?: Record<string, string | undefined>): Promise<CliResult>;
  /** Writes files, commits them and pushes main. */
  commitAndPush(message: string, files: Record<string, string>): Promise<string>;
  cleanup(): Promise<void>;
}

export async function createPackedWorld(project: PackedProject, nodeBin: string): Promise<PackedWorld> {
  const root = await mkdtemp(join(tmpdir(), 'shipit-packed-world-'));
  const origin = join(root, 'origin.git');
  const dir = join(root, 'app');
  await execa('git', ['init', '-q', '--bare', '-b', 'main', origin]);
  await execa('git', ['init', '-q', '-b', 'main', dir]);
  const repo = new Repo(dir);
  await repo.git('remote', 'add', 'origin', origin);
  await repo.git('config', 'user.name', 'dev');
  await repo.git('config', 'user.email', 'dev@example.com');
  for (const file of ['package.json', 'package-lock.json']) await cp(join(project.dir, file), join(dir, file));
  // Hard links: a real node_modules folder per world at almost no cost, shared by the three Node versions.
  await execa('cp', ['-al', join(project.dir, 'node_modules'), join(dir, 'node_modules')]);
  await repo.commit('initial commit', { files: { '.gitignore': 'node_modules/\n', 'README.md': '# app\n' } });
  await repo.push();

  // The user's shell, minus what would point shipit at a real GitHub or a real job summary.
  const env = (extra: Record<string, string | undefined>) => ({
    ...Object.fromEntries(Object.entries(userEnvironment(nodeBin)).filter(([name]) => !SCRUBBED.includes(name))),
    XDG_CACHE_HOME: join(root, 'cache'),
    NO_COLOR: '1',
    CI: 'true',
    ...extra,
  });
  const run = async (file: string, args: string[], extra: Record<string, string | undefined>) => {
    const result = await execa(file, args, {
      cwd: dir,
      env: env(extra),
      extendEnv: false,
      reject: false,
      input: '',
      timeout: 60_000,
    });
    return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
  };
  return {
    root,
    repo,
    npxShipit: (args, extra = {}) => run('npx', ['shipit', ...args], extra),
    shipit: (args, extra = {}) => run(join(dir, 'node_modules', '.bin', 'shipit'), args, extra),
    shipitOnTerminal: (args, extra = {}) => {
      // A terminal of a known size: ora needs a width to draw on.
      const command = ['stty cols 100 rows 40;', 'node_modules/.bin/shipit', ...args.map(quote)].join(' ');
      return run('script', ['-qec', command, '/dev/null'], { CI: undefined, TERM: 'xterm', ...extra });
    },
    async commitAndPush(message, files) {
      const sha = await repo.commit(message, { files });
      await repo.push();
      return sha;
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

const SCRUBBED = [
  'FORCE_COLOR',
  'GITHUB_STEP_SUMMARY',
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'GITHUB_API_URL',
  'GITHUB_REPOSITORY',
];
const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;
