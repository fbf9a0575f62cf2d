import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRepoRoot, gitCommonDir, isShallowRepository, listRemotes, warmRepo } from '../../src/git/repo.js';
import { createWorld, type World } from '../helpers/git-world.js';

// The facts every command asks git first, asked early (warmRepo) or on demand: the same answers.
describe('where the repository is', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
  });
  afterEach(() => world.cleanup());

  it('answers from a subdirectory after warmRepo as without it: root, common dir, remotes', async () => {
    const sub = join(world.repo.dir, 'src', 'deep');
    await mkdir(sub, { recursive: true });
    await world.repo.git('remote', 'add', 'upstream', world.origin);
    warmRepo(sub);
    const root = await findRepoRoot(sub);
    expect(root).toBe(await realpath(world.repo.dir));
    expect(await gitCommonDir(root)).toBe(join(root, '.git'));
    expect((await listRemotes(root)).sort()).toEqual(['origin', 'upstream']);
    expect(await isShallowRepository(root)).toBe(false);
  });

  it('tells a shallow clone, as CI checks out, from a full one', async () => {
    const shallow = join(world.root, 'shallow');
    await execa('git', ['clone', '-q', '--depth=1', `file://${world.origin}`, shallow]);
    warmRepo(shallow);
    expect(await isShallowRepository(await findRepoRoot(shallow))).toBe(true);
    // Asked directly, without findRepoRoot having seen the repository.
    const again = join(world.root, 'again');
    await execa('git', ['clone', '-q', '--depth=1', `file://${world.origin}`, again]);
    expect(await isShallowRepository(again)).toBe(true);
  });

  it('without git on PATH: warmRepo stays quiet and findRepoRoot says git is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = join(world.root, 'no-git-here');
    try {
      warmRepo(world.repo.dir);
      await expect(findRepoRoot(world.repo.dir)).rejects.toMatchObject({ code: 'git-missing' });
    } finally {
      process.env.PATH = path;
    }
  });

  it('outside a repository: warmRepo stays quiet and findRepoRoot says what is wrong', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'shipit-not-a-repo-'));
    try {
      warmRepo(outside);
      await expect(findRepoRoot(outside)).rejects.toMatchObject({ code: 'not-a-repository' });
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
