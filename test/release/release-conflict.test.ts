import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isShipitError } from '../../src/errors.js';
import { buildRelease } from '../../src/release/build-release.js';
import { formatConflict } from '../../src/release/explain-conflict.js';
import { createWorld, type World } from '../helpers/git-world.js';
import { batchBetween, checkoutSnapshot, findBySubject, storyteller } from './release-world.js';

let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => {
  await world.cleanup();
});

/** A batch where "fix: retry login" and "feat: login audit" build on "feat: login v2". */
async function dependentHistory() {
  const { commit } = storyteller(world.repo);
  const production = await world.repo.head();
  await commit('feat: login v1', { 'login.txt': 'login v1\n' });
  await commit('feat: login v2', { 'login.txt': 'login v2\n', 'session.txt': 'session v2\n' });
  await commit('feat: unrelated', { 'docs.txt': 'docs\n' });
  await commit('fix: retry login', { 'login.txt': 'login v2 with retry\n' }, 'dev3');
  await commit('feat: login audit', { 'session.txt': 'session v2 audited\n' }, 'dev4');
  const candidate = await world.repo.head();
  const batch = await batchBetween(world.repo, production, candidate);
  return { production, candidate, batch };
}

/** A checkout with local changes and a stash, so "untouched" means something. */
async function busyCheckout() {
  await writeFile(join(world.repo.dir, 'docs.txt'), 'stashed edit\n');
  await world.repo.git('stash', 'push', '-q', '-m', 'my stash');
  await writeFile(join(world.repo.dir, 'docs.txt'), 'work in progress\n');
  await writeFile(join(world.repo.dir, 'notes.txt'), 'untracked\n');
  await world.repo.git('add', 'notes.txt');
  await world.repo.git('checkout', '-q', '-b', 'my-feature');
}

describe('buildRelease when a later commit depends on the excluded one', () => {
  it('names the conflicting files and the later commits, suggests excluding them, and leaves nothing behind', async () => {
    const { candidate, batch } = await dependentHistory();
    await busyCheckout();
    const before = await checkoutSnapshot(world.repo);
    const v2 = findBySubject(batch, 'feat: login v2');

    const result = await buildRelease(world.repo.dir, { candidate, batch, exclusions: [{ commit: v2 }] });

    if (result.kind !== 'conflict') throw new Error('expected a conflict');
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]!.files.sort()).toEqual(['login.txt', 'session.txt']);
    expect(result.conflicts[0]!.laterCommits.map((c) => c.subject)).toEqual(['feat: login audit', 'fix: retry login']);
    expect(result.suggestion.map((c) => c.subject)).toEqual([
      'feat: login audit',
      'fix: retry login',
      'feat: login v2',
    ]);
    expect(result.suggestionApplies).toBe(true);

    const lines = formatConflict(result);
    const short = (subject: string) => findBySubject(batch, subject).shortSha;
    expect(lines[0]).toBe(`excluding ${v2.shortSha} "feat: login v2" conflicts in login.txt, session.txt`);
    expect(lines).toContain(`    ${short('fix: retry login')} "fix: retry login" (dev3)`);
    expect(lines.at(-1)).toBe(
      `exclude them too: --exclude ${short('feat: login audit')} --exclude ${short('fix: retry login')} ` +
        `--exclude ${v2.shortSha} (this applies cleanly)`,
    );
    expect(await checkoutSnapshot(world.repo)).toEqual(before);
  });

  it('reports every conflicting exclusion of the run, not only the first', async () => {
    const { commit } = storyteller(world.repo);
    const production = await world.repo.head();
    await commit('feat: a', { 'a.txt': 'a1\n' });
    await commit('feat: b', { 'b.txt': 'b1\n' });
    await commit('fix: a', { 'a.txt': 'a2\n' });
    await commit('fix: b', { 'b.txt': 'b2\n' });
    const candidate = await world.repo.head();
    const batch = await batchBetween(world.repo, production, candidate);
    const exclusions = [findBySubject(batch, 'feat: b'), findBySubject(batch, 'feat: a')].map((commit) => ({ commit }));

    const result = await buildRelease(world.repo.dir, { candidate, batch, exclusions });

    if (result.kind !== 'conflict') throw new Error('expected a conflict');
    expect(result.conflicts.map((c) => [c.exclusion.subject, c.files, c.laterCommits.map((l) => l.subject)])).toEqual([
      ['feat: b', ['b.txt'], ['fix: b']],
      ['feat: a', ['a.txt'], ['fix: a']],
    ]);
  });

  it('stops on Ctrl-C with an interrupted error and leaves the checkout as it was', async () => {
    const { candidate, batch } = await dependentHistory();
    await busyCheckout();
    const before = await checkoutSnapshot(world.repo);
    const exclusions = batch.slice(1).map((commit) => ({ commit }));

    for (const delayMs of [0, 10]) {
      const controller = new AbortController();
      const building = buildRelease(world.repo.dir, { candidate, batch, exclusions, signal: controller.signal });
      setTimeout(() => controller.abort(), delayMs);
      const error = await building.then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(isShipitError(error) && error.code).toBe('interrupted');
      expect(await checkoutSnapshot(world.repo)).toEqual(before);
    }
  });
});
