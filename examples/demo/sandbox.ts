import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import type { Files } from './storefront.js';

// The user's own git config (signing, hooks, templates) must not change the story.
export const ISOLATED_GIT_ENV = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

export interface Author {
  name: string;
  email: string;
}

export interface Sandbox {
  root: string;
  origin: string;
  /** The release manager's clone: the CLI runs here. */
  checkout: string;
  /** Where the deploy script puts releases/ and the current symlink. */
  server: string;
  git(...args: string[]): Promise<string>;
  /** Commits `files` as `author`, `daysAgo` days ago at `time`, and returns the sha. */
  commit(message: string, files: Files, author: Author, when: { daysAgo: number; time: string }): Promise<string>;
  push(): Promise<void>;
  remove(): Promise<void>;
}

/** A temp folder with a bare "origin", a clone of it and an empty deploy server folder. */
export async function createSandbox(): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'shipit-demo-'));
  const origin = join(root, 'origin.git');
  const checkout = join(root, 'storefront');
  const server = join(root, 'server');
  const run = async (cwd: string, args: string[], env: Record<string, string> = {}) =>
    (await execa('git', args, { cwd, env: { ...ISOLATED_GIT_ENV, ...env } })).stdout.trim();

  await run(root, ['init', '-q', '--bare', '-b', 'main', origin]);
  await run(root, ['init', '-q', '-b', 'main', checkout]);
  await run(checkout, ['remote', 'add', 'origin', origin]);
  await run(checkout, ['config', 'user.name', 'Rosa (release manager)']);
  await run(checkout, ['config', 'user.email', 'rosa@example.com']);
  await mkdir(server);

  return {
    root,
    origin,
    checkout,
    server,
    git: (...args) => run(checkout, args),
    async commit(message, files, author, when) {
      for (const [path, content] of Object.entries(files)) {
        const full = join(checkout, path);
        await mkdir(dirname(full), { recursive: true });
        await writeFile(full, content);
        if (path.startsWith('bin/')) await chmod(full, 0o755);
      }
      await run(checkout, ['add', '-A']);
      const date = dateOf(when);
      await run(checkout, ['commit', '-q', '-m', message], {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      });
      return run(checkout, ['rev-parse', 'HEAD']);
    },
    async push() {
      await run(checkout, ['push', '-q', '-u', 'origin', 'main']);
    },
    remove: () => rm(root, { recursive: true, force: true, maxRetries: 3 }),
  };
}

function dateOf(when: { daysAgo: number; time: string }): string {
  const day = new Date(Date.now() - when.daysAgo * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${when.time}:00Z`;
}
