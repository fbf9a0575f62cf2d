import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findReleasedCommits } from '../../src/deploy/retire-exclusions.js';
import { createWorld, type World } from '../helpers/git-world.js';
import { storyteller } from './release-world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.cleanup());

describe('findReleasedCommits', () => {
  it('brings back a merge with its pull request, and skips what stays excluded, is reverted, off the branch or unknown', async () => {
    const { repo } = world;
    const { commit, mergePullRequest } = storyteller(repo);
    const stays = await commit('feat: still excluded', { 'a.txt': 'a\n' });
    const merge = await mergePullRequest(7, [
      ['feat: search index', { 'index.txt': 'index\n' }],
      ['feat: search page', { 'page.txt': 'page\n' }],
    ]);
    const reverted = await commit('feat: reverted', { 'r.txt': 'r\n' });
    const candidate = await commit('feat: tip', { 't.txt': 't\n' });
    await repo.git('checkout', '-q', '-b', 'side', `${candidate}~1`);
    const offBranch = await commit('feat: elsewhere', { 's.txt': 's\n' });
    await repo.git('checkout', '-q', 'main');

    const released = await findReleasedCommits(repo.dir, {
      heldBack: [stays, merge, reverted, offBranch, 'f'.repeat(40)],
      stillExcluded: new Set([stays]),
      reverts: new Map([[reverted, candidate]]),
      candidate,
    });
    expect(released.map((found) => found.subject)).toEqual([
      'Merge pull request #7 from acme/pr-7',
      'feat: search page',
      'feat: search index',
    ]);
  });
});
