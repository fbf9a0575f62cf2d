import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isShipitError } from '../../src/errors.js';
import type { Commit } from '../../src/gate/contract.js';
import { type ExclusionRange, resolveExclusions } from '../../src/release/resolve-exclusions.js';
import { createWorld, type World } from '../helpers/git-world.js';
import { batchBetween, findBySubject, plantAmbiguousCommits, storyteller } from './release-world.js';

let world: World;
let range: ExclusionRange;
let batch: Commit[];
const sha = (subject: string) => findBySubject(batch, subject).sha;

// production: "feat: live"; the batch: a squashed PR, a merged PR of two commits, a plain commit.
beforeEach(async () => {
  world = await createWorld();
  const { commit, mergePullRequest } = storyteller(world.repo);
  await commit('feat: live', { 'live.txt': 'live\n' });
  const productionSha = await world.repo.head();
  await commit('feat: search (#21)', { 'search.txt': 'search\n' });
  await mergePullRequest(22, [
    ['feat: cart model', { 'cart.txt': 'cart\n' }],
    ['feat: cart page', { 'cart-page.txt': 'page\n' }],
  ]);
  await commit('fix: typo', { 'live.txt': 'live!\n' });
  const candidate = await world.repo.head();
  batch = await batchBetween(world.repo, productionSha, candidate);
  range = { batch, productionSha, candidate };
});
afterEach(async () => {
  await world.cleanup();
});

const resolve = (...args: string[]) => resolveExclusions(world.repo.dir, args, range);

async function refusal(...args: string[]): Promise<{ code: string; message: string; exitCode: number }> {
  const error = await resolve(...args).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!isShipitError(error)) throw new Error(`expected a refusal for ${args.join(' ')}, got ${String(error)}`);
  expect(error.message.split('\n')).toHaveLength(1);
  return { code: error.code, message: error.message, exitCode: error.exitCode };
}

describe('resolveExclusions', () => {
  it('accepts full and short shas and pull requests, and returns them newest first', async () => {
    const typo = sha('fix: typo');
    const squash = sha('feat: search (#21)');
    const merge = sha('Merge pull request #22 from acme/pr-22');

    const resolved = await resolve(squash.slice(0, 7).toUpperCase(), '#22');

    expect(resolved.map((c) => c.sha)).toEqual([merge, squash]);
    expect((await resolve(typo)).map((c) => c.sha)).toEqual([typo]);
    expect((await resolve('#21')).map((c) => c.sha)).toEqual([squash]);
    expect((await resolve(sha('feat: cart model'))).map((c) => c.subject)).toEqual(['feat: cart model']);
  });

  it('allows excluding the candidate itself', async () => {
    expect((await resolve(range.candidate)).map((c) => c.sha)).toEqual([range.candidate]);
  });

  it('refuses what is not a sha or a pull request', async () => {
    for (const arg of ['HEAD~1', 'main', 'g123456', '#abc', '']) {
      expect(await refusal(arg)).toMatchObject({ code: 'exclude-not-a-commit', exitCode: 2 });
    }
  });

  it('refuses a short sha under 7 characters', async () => {
    const refused = await refusal(sha('fix: typo').slice(0, 6));
    expect(refused).toMatchObject({ code: 'exclude-sha-too-short', exitCode: 2 });
    expect(refused.message).toContain('at least 7 characters');
  });

  it('refuses an unknown sha', async () => {
    const refused = await refusal('deadbeefdeadbeef');
    expect(refused).toMatchObject({ code: 'exclude-unknown', exitCode: 2 });
    expect(refused.message).toBe('--exclude deadbeefdeadbeef: no commit deadbeefdeadbeef in this repository');
  });

  it('refuses a short sha two commits share, listing both', async () => {
    const { prefix, shas } = await plantAmbiguousCommits(world.repo);
    const refused = await refusal(prefix);
    expect(refused).toMatchObject({ code: 'exclude-ambiguous', exitCode: 2 });
    expect(refused.message).toContain('matches 2 commits');
    for (const full of shas) expect(refused.message).toMatch(new RegExp(`${full.slice(0, 8)}\\w* "lookalike \\d+"`));
  });

  it('accepts an exclusion still standing from an earlier deploy, after the batch ones', async () => {
    const { commit } = storyteller(world.repo);
    const squash = findBySubject(batch, 'feat: search (#21)');
    const baseOfLastDeploy = range.candidate;
    await commit('feat: next', { 'next.txt': 'next\n' });
    await commit('feat: after next', { 'next.txt': 'after next\n' });
    const candidate = await world.repo.head();
    const next = await batchBetween(world.repo, baseOfLastDeploy, candidate);
    range = { batch: next, productionSha: baseOfLastDeploy, candidate, standing: [squash] };

    expect((await resolve('#21')).map((c) => c.sha)).toEqual([squash.sha]);
    expect((await resolve(squash.sha.slice(0, 9), next[0]!.sha)).map((c) => c.sha)).toEqual([next[0]!.sha, squash.sha]);
    range = { ...range, standing: [] };
    expect(await refusal('#21')).toMatchObject({ code: 'exclude-pr-not-in-batch' });
  });

  it('refuses a commit already in production', async () => {
    const refused = await refusal(range.productionSha!.slice(0, 10));
    expect(refused).toMatchObject({ code: 'exclude-in-production', exitCode: 2 });
    expect(refused.message).toContain('"feat: live": it is already in production');
  });

  it('refuses a commit that is not on the branch', async () => {
    await world.repo.git('checkout', '-q', '-b', 'elsewhere');
    const stray = await world.repo.commit('wip: experiment', { files: { 'wip.txt': 'wip\n' } });
    const refused = await refusal(stray);
    expect(refused).toMatchObject({ code: 'exclude-not-on-branch', exitCode: 2 });
    expect(refused.message).toContain('"wip: experiment": it is not on the branch being deployed');
  });

  it('refuses a pull request with no commit in the batch', async () => {
    const refused = await refusal('#999');
    expect(refused).toMatchObject({ code: 'exclude-pr-not-in-batch', exitCode: 2 });
    expect(refused.message).toBe('--exclude #999: no commit of pull request #999 is in this batch');
  });

  it('refuses a commit named twice, by sha or through its pull request', async () => {
    const typo = sha('fix: typo');
    expect(await refusal(typo, typo.slice(0, 8))).toMatchObject({ code: 'exclude-duplicate', exitCode: 2 });
    const merge = sha('Merge pull request #22 from acme/pr-22');
    const refused = await refusal('#22', merge);
    expect(refused.message).toBe(`--exclude ${merge}: ${merge.slice(0, 7)} is already excluded by #22`);
  });

  it('refuses to exclude every commit of the batch, counting what a merged PR brings in', async () => {
    const all = ['#21', '#22', sha('fix: typo')];
    const refused = await refusal(...all);
    expect(refused).toMatchObject({ code: 'exclude-everything', exitCode: 2 });
    expect(refused.message).toBe('every commit of the batch is excluded: nothing left to deploy');
    expect(await resolve('#21', '#22')).toHaveLength(2);
  });
});
