import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCommit } from '../../src/git/commits.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import { treeAfterGitRevert } from '../release/release-world.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

/** Another person's machine: their own git identity and a clock set elsewhere (git reads these). */
const elsewhere = (name: string, date: string) => ({
  GIT_AUTHOR_NAME: name,
  GIT_AUTHOR_EMAIL: `${name}@elsewhere.test`,
  GIT_COMMITTER_NAME: name,
  GIT_COMMITTER_EMAIL: `${name}@elsewhere.test`,
  GIT_AUTHOR_DATE: date,
  GIT_COMMITTER_DATE: date,
});

describe('the release commit with a standing exclusion', () => {
  it('is the same sha for check, status and deploy --dry-run on every clone, user and clock, and is what ships', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [{ type: 'batch-size' }] });
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
    await repo.commit('feat: cart', { files: { 'cart.txt': 'cart\n' } });
    const bad = await repo.commit('feat: search v2', { files: { 'search.txt': 'v2\n' } });
    await repo.push();
    expect(
      (await world.shipit(repo, ['deploy', '--yes', '--exclude', bad.slice(0, 7), '--reason', 'r'])).exitCode,
    ).toBe(0);
    await repo.commit('feat: reviews', { files: { 'reviews.txt': 'reviews\n' } });
    await repo.push();
    const candidate = await repo.head();
    const other = await world.clone('other');
    await world.writeConfig(other, { checks: [{ type: 'batch-size' }] });

    const checkHere = await world.shipit(repo, ['check', '--json'], elsewhere('ana', '2031-02-03T04:05:06Z'));
    const checkThere = await world.shipit(other, ['check', '--json'], elsewhere('bo', '2029-07-08T09:10:11Z'));
    const dryRun = await world.shipit(other, ['deploy', '--dry-run'], elsewhere('cy', '2030-01-01T00:00:00Z'));
    const status = await world.shipit(repo, ['status', '--json']);
    for (const result of [checkHere, checkThere, dryRun, status]) expect(result.stderr).toBe('');

    const judged = JSON.parse(checkHere.stdout).release as string;
    expect(judged).not.toBe(candidate);
    expect(JSON.parse(checkThere.stdout).release).toBe(judged);
    expect(JSON.parse(checkThere.stdout).batch).toMatchObject({ count: 1, excluded: [bad] });
    expect(dryRun.stdout).toContain(`SHIPIT_SHA=${judged}`);
    expect(JSON.parse(status.stdout)).toMatchObject({ candidate: { sha: candidate }, release: judged });

    // Derived from the inputs: the candidate's date, shipit's identity, git revert's tree.
    const release = await readCommit(repo.dir, judged);
    expect(release.parents).toEqual([candidate]);
    expect(await repo.git('log', '-1', '--format=%an <%ae> %ad|%cn <%ce> %cd', '--date=raw', judged)).toBe(
      await repo.git(
        'log',
        '-1',
        '--format=shipit <shipit@localhost> %cd|shipit <shipit@localhost> %cd',
        '--date=raw',
        candidate,
      ),
    );
    expect(await repo.git('rev-parse', `${judged}^{tree}`)).toBe(
      await treeAfterGitRevert(repo, candidate, [await readCommit(repo.dir, bad)]),
    );

    const deployed = await world.shipit(other, ['deploy', '--yes'], elsewhere('bo', '2032-12-12T12:12:12Z'));
    expect(deployed.exitCode).toBe(0);
    expect((await world.scriptEnv(3)).SHIPIT_SHA).toBe(judged);
    expect(await world.liveFile('search.txt')).toBeNull();
  });
});
