import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';

// Real git repositories in temp folders: a bare "origin" and clones of it,
// so tests read like a story (given this history, when I run this command).

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

export interface CommitOptions {
  /** Files to write (path -> content); null deletes the file. */
  files?: Record<string, string | null>;
  /** Author name; the email is derived from it. */
  author?: string;
  /** ISO date for both author and committer dates. */
  date?: string;
}

export class Repo {
  constructor(readonly dir: string) {}

  async git(...args: string[]): Promise<string> {
    const result = await execa('git', args, { cwd: this.dir, env: IDENTITY });
    return result.stdout.trim();
  }

  async commit(message: string, options: CommitOptions = {}): Promise<string> {
    const files = options.files ?? {
      [`changes/${slug(message)}-${Math.random().toString(36).slice(2, 8)}.txt`]: message,
    };
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) {
        await rm(full, { force: true });
      } else {
        await mkdir(dirname(full), { recursive: true });
        await writeFile(full, content);
      }
    }
    await this.git('add', '-A');
    const author = options.author ?? 'Test';
    const env: Record<string, string> = {
      ...IDENTITY,
      GIT_AUTHOR_NAME: author,
      GIT_AUTHOR_EMAIL: `${slug(author)}@example.com`,
    };
    if (options.date) Object.assign(env, { GIT_AUTHOR_DATE: options.date, GIT_COMMITTER_DATE: options.date });
    await execa('git', ['commit', '--allow-empty', '-q', '-m', message], { cwd: this.dir, env });
    return this.head();
  }

  head(): Promise<string> {
    return this.git('rev-parse', 'HEAD');
  }

  async push(branch = 'main'): Promise<void> {
    await this.git('push', '-q', 'origin', `HEAD:refs/heads/${branch}`);
  }
}

export interface World {
  root: string;
  /** The bare repository every clone pushes to. */
  origin: string;
  /** The first clone, with one initial commit pushed to main. */
  repo: Repo;
  clone(name: string): Promise<Repo>;
  cleanup(): Promise<void>;
}

/** A bare origin with `main` holding one commit, and a clone of it. */
export async function createWorld(): Promise<World> {
  const root = await mkdtemp(join(tmpdir(), 'shipit-test-'));
  const origin = join(root, 'origin.git');
  await execa('git', ['init', '-q', '--bare', '-b', 'main', origin]);
  const seed = join(root, 'seed');
  await execa('git', ['init', '-q', '-b', 'main', seed]);
  const seedRepo = new Repo(seed);
  await seedRepo.git('remote', 'add', 'origin', origin);
  await seedRepo.commit('initial commit', { files: { 'README.md': '# app\n' } });
  await seedRepo.push();
  await rm(seed, { recursive: true, force: true });

  const clone = async (name: string) => {
    const dir = join(root, name);
    await execa('git', ['clone', '-q', origin, dir]);
    const repo = new Repo(dir);
    await repo.git('config', 'user.name', name);
    await repo.git('config', 'user.email', `${name}@example.com`);
    return repo;
  };
  const repo = await clone('dev');
  return { root, origin, repo, clone, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** A repository with no remote at all. */
export async function createLocalRepo(): Promise<{ repo: Repo; cleanup(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'shipit-test-'));
  await execa('git', ['init', '-q', '-b', 'main', root]);
  const repo = new Repo(root);
  await repo.git('config', 'user.name', 'dev');
  await repo.git('config', 'user.email', 'dev@example.com');
  await repo.commit('initial commit', { files: { 'README.md': '# app\n' } });
  return { repo, cleanup: () => rm(root, { recursive: true, force: true }) };
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'x'
  );
}
