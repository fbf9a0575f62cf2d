import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';

let world: DeployWorld;
beforeEach(async () => {
  world = await createDeployWorld();
});
afterEach(() => world.cleanup());

describe('shipit deploy --include', () => {
  it('puts the released commit in the batch the checks see, and refuses a commit that is not excluded', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [] });
    await world.shipit(repo, ['deploy', '--yes']);
    const flag = await repo.commit('feat: new checkout (#42)', { files: { 'checkout.txt': 'v2\n' }, author: 'bo' });
    const docs = await repo.commit('chore: docs', { files: { 'docs.txt': 'docs\n' }, author: 'ana' });
    await repo.push();
    expect((await world.shipit(repo, ['deploy', '--yes', '--exclude', '#42'])).exitCode).toBe(0);
    await repo.commit('feat: reviews', { files: { 'reviews.txt': 'reviews\n' }, author: 'ana' });
    await repo.push();

    const notExcluded = await world.shipit(repo, ['deploy', '--yes', '--include', docs.slice(0, 7)]);
    expect(notExcluded.exitCode).toBe(2);
    expect(notExcluded.stderr).toContain(`--include ${docs.slice(0, 7)}: not a standing exclusion`);
    expect(notExcluded.stderr).toContain(`standing exclusions: ${flag.slice(0, 7)} "feat: new checkout (#42)"`);

    // A check that counts authors sees bo, whose commit goes live for the first time.
    await world.writeConfig(repo, { checks: [{ type: 'batch-size', name: 'batch-size', authors: { warn: 1 } }] });
    const included = await world.shipit(repo, ['deploy', '--yes', '--include', '#42']);
    expect(included.exitCode).toBe(0);
    expect(included.stdout).toContain('2 commits by 2 authors');
    expect(included.stdout).toContain(`${flag.slice(0, 7)} feat: new checkout (#42) (bo) #42`);
    expect(included.stdout).toMatch(/batch-size .*2 commits by 2 authors/);
    expect(included.stdout).toContain('exclusion retired: ');
    expect(await world.liveFile('checkout.txt')).toBe('v2\n');
    expect((await world.scriptEnv(3)).SHIPIT_EXCLUDED).toBe('');
  });
});
