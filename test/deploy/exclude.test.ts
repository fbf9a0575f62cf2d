import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import type { Repo } from '../helpers/git-world.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

/** The tree `git revert --no-edit [-m 1]` of `shas` (newest first) leaves on `base`, in a scratch clone. */
async function revertTree(base: string, shas: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'shipit-revert-'));
  try {
    await execa('git', ['clone', '-q', world.origin, dir]);
    const env = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
    await execa('git', ['checkout', '-q', base], { cwd: dir });
    for (const sha of shas) await execa('git', ['revert', '--no-edit', sha], { cwd: dir, env });
    return (await execa('git', ['rev-parse', 'HEAD^{tree}'], { cwd: dir })).stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What a user would see of their checkout: changes, stash, worktrees and every ref. */
const checkoutState = (repo: Repo) =>
  Promise.all([
    repo.git('status', '--porcelain'),
    repo.git('stash', 'list'),
    repo.git('worktree', 'list'),
    repo.git('for-each-ref'),
  ]);

describe('shipit deploy --exclude', () => {
  it('ships everything minus the faulty commit, keeps it out, retires it when reverted, and rolls back exactly', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [] });
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);

    await repo.commit('feat: cart', { files: { 'cart.txt': 'cart\n' }, author: 'ana' });
    const bad = await repo.commit('feat: search v2', { files: { 'search.txt': 'search v2\n' }, author: 'bo' });
    await repo.commit('feat: wishlist', { files: { 'wishlist.txt': 'wishlist\n' }, author: 'cy' });
    await repo.push();
    const candidate = await repo.head();

    const excluded = await world.shipit(repo, [
      'deploy',
      '--yes',
      '--exclude',
      bad.slice(0, 8),
      '--reason',
      'search returns 500s',
    ]);
    expect(excluded.stderr).toBe('');
    expect(excluded.exitCode).toBe(0);
    expect(excluded.stdout).toContain(`excluded: ${bad.slice(0, 7)} "feat: search v2" (search returns 500s)`);
    expect(await world.liveFile('cart.txt')).toBe('cart\n');
    expect(await world.liveFile('wishlist.txt')).toBe('wishlist\n');
    expect(await world.liveFile('search.txt')).toBeNull();

    const env = await world.scriptEnv(2);
    const release = env.SHIPIT_SHA as string;
    expect(env.SHIPIT_EXCLUDED).toBe(bad);
    expect(release).not.toBe(candidate);
    expect(await repo.git('rev-parse', `${release}^`)).toBe(candidate);
    expect(await repo.git('rev-parse', `${release}^{tree}`)).toBe(await revertTree(candidate, [bad]));
    const message = await repo.git('log', '-1', '--format=%B', release);
    expect(message).toContain('Revert "feat: search v2"');
    expect(message).toContain(`This reverts commit ${bad}.`);
    expect(message).toContain(`Shipit-Excluded: ${bad}`);
    expect(await repo.git('ls-remote', 'origin', 'refs/heads/shipit/production/release')).toContain(release);
    expect(await repo.git('status', '--porcelain')).toBe('');

    // New work lands; a plain deploy keeps the faulty commit out and says so.
    await repo.commit('feat: reviews', { files: { 'reviews.txt': 'reviews\n' }, author: 'ana' });
    await repo.push();
    const other = await world.clone('other');
    await world.writeConfig(other, { checks: [] });
    const status = JSON.parse((await world.shipit(other, ['status', '--json'])).stdout);
    expect(status.exclusions).toEqual([
      expect.objectContaining({ sha: bad, reason: 'search returns 500s', by: 'dev', deployId: 2 }),
    ]);
    expect(status.batch.commits.map((commit: { subject: string }) => commit.subject)).toEqual(['feat: reviews']);
    const sticky = await world.shipit(other, ['deploy', '--yes']);
    expect(sticky.exitCode).toBe(0);
    expect(sticky.stdout).toContain(
      `still excluded: ${bad.slice(0, 7)} "feat: search v2" (excluded in deploy 2 by dev: search returns 500s)`,
    );
    expect(sticky.stdout).toContain('1 commit by 1 author');
    expect(await world.liveFile('reviews.txt')).toBe('reviews\n');
    expect(await world.liveFile('search.txt')).toBeNull();
    const stickyRelease = (await world.scriptEnv(3)).SHIPIT_SHA as string;

    // The fix is a revert on the branch: the exclusion retires by itself.
    await repo.git('pull', '-q', '--ff-only');
    await repo.git('revert', '--no-edit', bad);
    await repo.push();
    const retiring = JSON.parse((await world.shipit(repo, ['status', '--json'])).stdout);
    expect(retiring).toMatchObject({
      exclusions: [],
      retired: [{ sha: bad, why: 'reverted' }],
      release: await repo.head(),
    });
    const retired = await world.shipit(repo, ['deploy', '--yes']);
    expect(retired.exitCode).toBe(0);
    expect(retired.stdout).toMatch(
      new RegExp(`exclusion retired: ${bad.slice(0, 7)} "feat: search v2", reverted on the branch by [0-9a-f]{7}`),
    );
    expect((await world.scriptEnv(4)).SHIPIT_EXCLUDED).toBe('');
    expect(JSON.parse((await world.shipit(repo, ['status', '--json'])).stdout).exclusions).toEqual([]);

    // Rolling back returns to the release that was live before, exactly.
    expect((await world.shipit(repo, ['rollback', '--yes'])).exitCode).toBe(0);
    expect((await world.scriptEnv(5)).SHIPIT_SHA).toBe(stickyRelease);
    expect(await world.liveFile('reviews.txt')).toBe('reviews\n');
    expect(await world.liveFile('search.txt')).toBeNull();
    const history = JSON.parse((await world.shipit(repo, ['history', '--json'])).stdout).records;
    expect(history[0]).toMatchObject({
      action: 'rollback',
      sha: stickyRelease,
      excluded: [expect.objectContaining({ sha: bad })],
    });
  }, 90_000); // the whole story: a dozen CLI runs against real git

  it('--include ships a standing exclusion again', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [] });
    await world.shipit(repo, ['deploy', '--yes']);
    const flag = await repo.commit('feat: new checkout (#42)', { files: { 'checkout.txt': 'v2\n' } });
    await repo.commit('chore: docs', { files: { 'docs.txt': 'docs\n' } });
    await repo.push();
    expect((await world.shipit(repo, ['deploy', '--yes', '--exclude', '#42'])).exitCode).toBe(0);
    expect(await world.liveFile('checkout.txt')).toBeNull();
    const bogus = await world.shipit(repo, ['deploy', '--yes', '--include', 'abcdef1']);
    expect(bogus.exitCode).toBe(2);
    expect(bogus.stderr).toContain('--include abcdef1: not a standing exclusion');
    const included = await world.shipit(repo, ['deploy', '--yes', '--include', flag.slice(0, 7)]);
    expect(included.exitCode).toBe(0);
    expect(included.stdout).toContain('included again (--include)');
    expect(await world.liveFile('checkout.txt')).toBe('v2\n');
  });

  it('explains a conflict and leaves the checkout exactly as it was', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [] });
    await world.shipit(repo, ['deploy', '--yes']);
    const base = await repo.commit('feat: login v2', { files: { 'login.txt': 'login v2\n' }, author: 'ana' });
    const later = await repo.commit('fix: login retry', {
      files: { 'login.txt': 'login v2 with retry\n' },
      author: 'bo',
    });
    await repo.commit('feat: footer', { files: { 'footer.txt': 'footer\n' }, author: 'cy' });
    await repo.push();
    await writeFile(join(repo.dir, 'wip.txt'), 'work in progress\n');
    await repo.git('stash', 'push', '-u', '-q', '-m', 'mine');
    await writeFile(join(repo.dir, 'README.md'), 'edited\n');
    const before = await checkoutState(repo);

    const dry = await world.shipit(repo, ['deploy', '--dry-run', '--exclude', base.slice(0, 7)]);
    expect(dry.exitCode).toBe(2);
    expect(dry.stderr).toContain(`excluding ${base.slice(0, 7)} "feat: login v2" conflicts in login.txt`);
    expect(dry.stderr).toContain(`${later.slice(0, 7)} "fix: login retry" (bo)`);
    expect(dry.stderr).toContain(`--exclude ${later.slice(0, 7)}`);
    const after = await checkoutState(repo);
    expect(after).toEqual(before);

    const both = await world.shipit(repo, [
      'deploy',
      '--dry-run',
      '--exclude',
      base.slice(0, 7),
      '--exclude',
      later.slice(0, 7),
    ]);
    expect(both.exitCode).toBe(0);
    expect(both.stdout).toContain('would push the release commit to refs/heads/shipit/production/release');
  });

  it('refuses bad exclusions with exit 2, and stops cleanly when the release ref is rejected', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [] });
    await world.shipit(repo, ['deploy', '--yes']);
    const live = await repo.head();
    const only = await repo.commit('feat: only one');
    await repo.push();
    const cases: [string, string][] = [
      [only.slice(0, 7), 'every commit of the batch is excluded'],
      [live.slice(0, 7), 'it is already in production'],
      ['xyz1234', 'not a commit'],
      ['#9', 'no commit of pull request #9 is in this batch'],
    ];
    for (const [arg, message] of cases) {
      const result = await world.shipit(repo, ['deploy', '--yes', '--exclude', arg]);
      expect(result.exitCode, arg).toBe(2);
      expect(result.stderr, arg).toContain(message);
    }
    await repo.commit('feat: another');
    await repo.push();
    const hook = join(world.origin, 'hooks', 'pre-receive');
    await writeFile(
      hook,
      '#!/bin/sh\nwhile read old new ref; do case "$ref" in refs/heads/shipit/*) echo "no release branches" >&2; exit 1;; esac; done\n',
    );
    await chmod(hook, 0o755);
    const rejected = await world.shipit(repo, ['deploy', '--yes', '--exclude', only.slice(0, 7)]);
    expect(rejected.exitCode).toBe(2);
    expect(rejected.stderr).toContain('could not push the release commit to refs/heads/shipit/production/release');
    expect(JSON.parse((await world.shipit(repo, ['history', '--json'])).stdout).records).toHaveLength(1);
    expect(await repo.git('ls-remote', 'origin', 'refs/shipit/production/lock')).toBe('');
  });
});
