import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Commit } from '../../src/gate/contract.js';
import { buildRelease, type ReleaseCommit } from '../../src/release/build-release.js';
import { formatConflict, type ReleaseConflict } from '../../src/release/explain-conflict.js';
import { createWorld, type World } from '../helpers/git-world.js';
import { batchBetween, checkoutSnapshot, findBySubject, storyteller, treeAfterGitRevert } from './release-world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => {
  await world.cleanup();
});

const APP = (lines: string[]) => `${lines.join('\n')}\n`;

async function release(candidate: string, exclusions: Commit[], production: string | null, reason?: string) {
  const batch = await batchBetween(world.repo, production, candidate);
  return buildRelease(world.repo.dir, {
    candidate,
    batch,
    exclusions: exclusions.map((commit) => ({ commit, reason })),
  });
}

function expectClean(result: ReleaseCommit | ReleaseConflict): ReleaseCommit {
  if (result.kind !== 'clean') throw new Error(`expected a clean release, got: ${formatConflict(result).join(' / ')}`);
  return result;
}

describe('buildRelease on a linear history', () => {
  it('reverts one commit exactly as git revert does, on a commit whose parent is the candidate', async () => {
    const { commit } = storyteller(world.repo);
    const production = await world.repo.head();
    await commit('feat: login', { 'src/login.ts': 'login\n' });
    await commit('feat: broken search', { 'src/search.ts': 'search v1\n', 'README.md': '# app\nsearch\n' });
    await commit('feat: billing', { 'src/billing.ts': 'billing\n' });
    const candidate = await world.repo.head();
    const batch = await batchBetween(world.repo, production, candidate);
    const faulty = findBySubject(batch, 'feat: broken search');
    const before = await checkoutSnapshot(world.repo);

    const result = expectClean(await release(candidate, [faulty], production, 'search 500s\non staging'));

    expect(result.tree).toBe(await treeAfterGitRevert(world.repo, candidate, [faulty]));
    expect(await world.repo.git('rev-parse', `${result.sha}^`)).toBe(candidate);
    expect(await world.repo.git('log', '-1', '--format=%an <%ae>|%cn <%ce>', result.sha)).toBe(
      'shipit <shipit@localhost>|shipit <shipit@localhost>',
    );
    expect(await world.repo.git('log', '-1', '--format=%B', result.sha)).toBe(
      `Revert "feat: broken search"\n\nThis reverts commit ${faulty.sha}.\n\nsearch 500s on staging\n\nShipit-Excluded: ${faulty.sha}`,
    );
    expect(await world.repo.git('ls-tree', '--name-only', '-r', result.sha)).not.toContain('src/search.ts');
    expect(result.alreadyUndone).toEqual([]);
    expect(await checkoutSnapshot(world.repo)).toEqual(before);
  });

  it('reverts several commits newest first, with one message and a parseable trailer', async () => {
    const { commit } = storyteller(world.repo);
    const production = await world.repo.head();
    const base = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    await commit('feat: shared file', { 'app.txt': APP(base) });
    await commit('feat: top of file', { 'app.txt': APP(['A', ...base.slice(1)]) });
    await commit('feat: unrelated', { 'other.txt': 'other\n' });
    await commit('feat: bottom of file', { 'app.txt': APP(['A', ...base.slice(1, 7), 'H']) });
    const candidate = await world.repo.head();
    const batch = await batchBetween(world.repo, production, candidate);
    const exclusions = [findBySubject(batch, 'feat: bottom of file'), findBySubject(batch, 'feat: top of file')];

    const result = expectClean(await release(candidate, exclusions, production, 'bad'));

    expect(result.tree).toBe(await treeAfterGitRevert(world.repo, candidate, exclusions));
    expect(await world.repo.git('show', `${result.sha}:app.txt`)).toBe(APP(base).trimEnd());
    const message = await world.repo.git('log', '-1', '--format=%B', result.sha);
    expect(message.split('\n')[0]).toBe('Revert 2 commits excluded from release');
    expect(message).toContain(`Revert "feat: top of file"\nThis reverts commit ${exclusions[1]!.sha}.`);
    const trailers = await execa('git', ['interpret-trailers', '--parse'], { cwd: world.repo.dir, input: message });
    expect(trailers.stdout).toBe(`Shipit-Excluded: ${exclusions[0]!.sha} ${exclusions[1]!.sha}`);
    const parsed = await world.repo.git('log', '-1', '--format=%(trailers:key=Shipit-Excluded,valueonly)', result.sha);
    expect(parsed).toBe(`${exclusions[0]!.sha} ${exclusions[1]!.sha}`);
  });

  it('excludes the candidate itself: the release equals the revert of the tip', async () => {
    const { commit } = storyteller(world.repo);
    const production = await world.repo.head();
    await commit('feat: one', { 'one.txt': '1\n' });
    const tip = await commit('feat: tip', { 'one.txt': '1 and tip\n' });
    const [tipCommit] = await batchBetween(world.repo, production, tip);

    const result = expectClean(await release(tip, [tipCommit!], production));

    expect(result.tree).toBe(await world.repo.git('rev-parse', `${tip}^^{tree}`));
    expect(result.tree).toBe(await treeAfterGitRevert(world.repo, tip, [tipCommit!]));
  });

  it('follows a renamed file the way git revert does', async () => {
    const { commit } = storyteller(world.repo);
    const production = await world.repo.head();
    const body = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    await commit('feat: config', { 'config.txt': APP(body) });
    await commit('fix: tune line 3', { 'config.txt': APP(body.map((l, i) => (i === 3 ? 'line 3 tuned' : l))) });
    await commit('chore: move config', {
      'config.txt': null,
      'settings/config.txt': APP(body.map((l, i) => (i === 3 ? 'line 3 tuned' : l))),
    });
    const candidate = await world.repo.head();
    const batch = await batchBetween(world.repo, production, candidate);
    const tune = findBySubject(batch, 'fix: tune line 3');

    const result = expectClean(await release(candidate, [tune], production));

    expect(result.tree).toBe(await treeAfterGitRevert(world.repo, candidate, [tune]));
    expect(await world.repo.git('show', `${result.sha}:settings/config.txt`)).toBe(APP(body).trimEnd());
  });

  it('reports a commit whose revert changes nothing as already undone', async () => {
    const { commit } = storyteller(world.repo);
    const production = await world.repo.head();
    const faulty = await commit('feat: flaky cache', { 'cache.txt': 'cache\n' });
    await world.repo.git('revert', '--no-edit', faulty);
    await commit('feat: later', { 'later.txt': 'later\n' });
    const candidate = await world.repo.head();
    const batch = await batchBetween(world.repo, production, candidate);

    const result = expectClean(await release(candidate, [findBySubject(batch, 'feat: flaky cache')], production));

    expect(result.alreadyUndone.map((c) => c.sha)).toEqual([faulty]);
    expect(result.tree).toBe(await world.repo.git('rev-parse', `${candidate}^{tree}`));
  });

  it('reverts the root commit when nothing is in production yet', async () => {
    const { commit } = storyteller(world.repo);
    await commit('feat: app', { 'app.txt': 'app\n' });
    const candidate = await world.repo.head();
    const batch = await batchBetween(world.repo, null, candidate);
    const root = findBySubject(batch, 'initial commit');

    const result = expectClean(await release(candidate, [root], null));

    expect(result.tree).toBe(await treeAfterGitRevert(world.repo, candidate, [root]));
    expect(await world.repo.git('ls-tree', '-r', '--name-only', result.sha)).toBe('app.txt');
  });
});

describe('buildRelease with pull requests', () => {
  it('reverts a PR merged with a merge commit against its first parent, in git form', async () => {
    const { commit, mergePullRequest } = storyteller(world.repo);
    const production = await world.repo.head();
    await commit('feat: login', { 'login.txt': 'login\n' });
    const merge = await mergePullRequest(12, [
      ['feat: search api', { 'search/api.txt': 'api\n' }],
      ['feat: search ui', { 'search/ui.txt': 'ui\n', 'login.txt': 'login\nwith search\n' }],
    ]);
    await commit('feat: billing', { 'billing.txt': 'billing\n' });
    const candidate = await world.repo.head();
    const batch = await batchBetween(world.repo, production, candidate);
    const mergeCommit = batch.find((c) => c.sha === merge)!;

    const result = expectClean(await release(candidate, [mergeCommit], production, 'search is slow'));

    expect(result.tree).toBe(await treeAfterGitRevert(world.repo, candidate, [mergeCommit]));
    expect(await world.repo.git('ls-tree', '-r', '--name-only', result.sha)).not.toContain('search/');
    expect(result.message).toBe(
      `Revert "Merge pull request #12 from acme/pr-12"\n\nThis reverts commit ${merge}, reversing\n` +
        `changes made to ${mergeCommit.parents[0]}.\n\nsearch is slow\n\nShipit-Excluded: ${merge}\n`,
    );
  });

  it('reverts a squashed PR and a merged PR together', async () => {
    const { commit, mergePullRequest } = storyteller(world.repo);
    const production = await world.repo.head();
    await commit('feat: squashed thing (#7)', { 'thing.txt': 'thing\n', 'README.md': '# app\nthing\n' });
    await mergePullRequest(8, [['feat: widget', { 'widget.txt': 'widget\n' }]]);
    await commit('feat: keep me', { 'keep.txt': 'keep\n' });
    const candidate = await world.repo.head();
    const batch = await batchBetween(world.repo, production, candidate);
    const exclusions = [
      findBySubject(batch, 'Merge pull request #8 from acme/pr-8'),
      findBySubject(batch, 'feat: squashed thing (#7)'),
    ];

    const result = expectClean(await release(candidate, exclusions, production));

    expect(result.tree).toBe(await treeAfterGitRevert(world.repo, candidate, exclusions));
    const files = await world.repo.git('ls-tree', '-r', '--name-only', result.sha);
    expect(files.split('\n').sort()).toEqual(['README.md', 'keep.txt']);
  });
});
