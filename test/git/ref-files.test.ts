import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRefFiles, readSymbolicRefFile } from '../../src/git/ref-files.js';
import { listLocalRefs } from '../../src/git/ref-lists.js';
import { gitCommonDir, remoteDefaultBranch } from '../../src/git/repo.js';
import { createWorld, type Repo, type World } from '../helpers/git-world.js';

// Refs read from git's own files must be what `git for-each-ref` says, in every layout git
// leaves them in; whatever the reader does not understand, it leaves to git (null).
describe('reading refs from git files', () => {
  let world: World;
  let repo: Repo;
  let gitDir: string;
  const prefix = 'refs/shipit/production/';

  beforeEach(async () => {
    world = await createWorld();
    repo = world.repo;
    gitDir = join(repo.dir, '.git');
  });
  afterEach(() => world.cleanup());

  /** What git itself lists. */
  async function gitSays(...patterns: string[]): Promise<Map<string, string>> {
    const output = await repo.git('for-each-ref', '--format=%(objectname) %(refname)', ...patterns);
    return new Map(
      output
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ').reverse() as [string, string]),
    );
  }

  it('answers with no refs, loose refs, packed refs and a mix of both as git does', async () => {
    expect(await readRefFiles(gitDir, [prefix])).toEqual(new Map());
    const first = await repo.head();
    const second = await repo.commit('second');
    await repo.git('update-ref', `${prefix}history`, first);
    await repo.git('update-ref', `${prefix}lock`, second);
    await repo.git('update-ref', 'refs/shipit/staging/lock', second);
    const loose = await readRefFiles(gitDir, [prefix]);
    expect(loose).toEqual(await gitSays(prefix));
    expect(loose?.size).toBe(2);

    await repo.git('pack-refs', '--all');
    expect(await readRefFiles(gitDir, [prefix])).toEqual(await gitSays(prefix));
    // Moved after packing: the loose file wins; deleted: gone from both places.
    await repo.git('update-ref', `${prefix}history`, second);
    await repo.git('update-ref', '-d', `${prefix}lock`);
    const mixed = await readRefFiles(gitDir, [prefix]);
    expect(mixed).toEqual(await gitSays(prefix));
    expect([...(mixed ?? [])]).toEqual([[`${prefix}history`, second]]);
  });

  it('reads one named ref (a remote branch a clone packed) beside a folder', async () => {
    const tip = await repo.head();
    await repo.git('update-ref', `${prefix}lock`, tip);
    const wanted = [prefix, 'refs/remotes/origin/main'];
    const refs = await readRefFiles(gitDir, wanted);
    expect(refs?.get('refs/remotes/origin/main')).toBe(tip);
    expect(refs?.get(`${prefix}lock`)).toBe(tip);
    expect(refs).toEqual(await gitSays(...wanted));
  });

  it('leaves to git what it does not understand: a symbolic ref, a lock file, reftable, per-worktree refs', async () => {
    const tip = await repo.head();
    await repo.git('update-ref', `${prefix}history`, tip);
    await repo.git('symbolic-ref', `${prefix}alias`, 'refs/heads/main');
    expect(await readRefFiles(gitDir, [prefix])).toBeNull();
    expect(await listLocalRefs(repo.dir, [prefix])).toEqual(await gitSays(prefix));

    await repo.git('update-ref', '-d', '--no-deref', `${prefix}alias`);
    await writeFile(join(gitDir, prefix, 'history.lock'), `${tip}\n`);
    expect(await readRefFiles(gitDir, [prefix])).toBeNull();
    expect(await listLocalRefs(repo.dir, [prefix])).toEqual(await gitSays(prefix));

    await repo.git('update-ref', `${prefix}lock`, tip);
    await mkdir(join(gitDir, 'reftable'));
    expect(await readRefFiles(gitDir, [prefix])).toBeNull();
    expect(await readRefFiles(gitDir, ['refs/worktree/x/'])).toBeNull();
  });

  it("reads where a remote's HEAD points as git does, and leaves a HEAD that is not symbolic to git", async () => {
    const head = 'refs/remotes/origin/HEAD';
    // A clone points origin/HEAD at the remote's default branch.
    expect(await readSymbolicRefFile(gitDir, head)).toEqual({ target: 'refs/remotes/origin/main' });
    expect(await remoteDefaultBranch(repo.dir, 'origin')).toBe('main');
    await repo.git('push', '-q', 'origin', 'HEAD:refs/heads/trunk');
    await repo.git('fetch', '-q', 'origin');
    await repo.git('symbolic-ref', head, 'refs/remotes/origin/trunk');
    expect(await remoteDefaultBranch(repo.dir, 'origin')).toBe('trunk');
    await repo.git('symbolic-ref', '--delete', head);
    expect(await readSymbolicRefFile(gitDir, head)).toEqual({ target: null });
    expect(await remoteDefaultBranch(repo.dir, 'origin')).toBeNull();
    await repo.git('update-ref', '--no-deref', head, await repo.head());
    expect(await readSymbolicRefFile(gitDir, head)).toBeNull();
    expect(await remoteDefaultBranch(repo.dir, 'origin')).toBeNull();
  });

  it('in a linked work tree, reads the shared refs the main one wrote', async () => {
    const tip = await repo.head();
    const linked = join(world.root, 'linked');
    await repo.git('worktree', 'add', '-q', '--detach', linked);
    await repo.git('update-ref', `${prefix}history`, tip);
    const refs = await listLocalRefs(linked, [prefix]);
    expect(refs).toEqual(new Map([[`${prefix}history`, tip]]));
    expect(await readRefFiles(await gitCommonDir(linked), [prefix])).toEqual(refs);
  });
});
