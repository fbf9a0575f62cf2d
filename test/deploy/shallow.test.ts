import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCommits } from '../../src/git/commits.js';
import { createDeployWorld, type DeployWorld } from '../helpers/deploy-world.js';
import { Repo } from '../helpers/git-world.js';
import { type GitHubServer, startGitHubServer } from '../helpers/github-server/index.js';

let world: DeployWorld;
let github: GitHubServer;
beforeEach(async () => {
  world = await createDeployWorld();
  github = await startGitHubServer();
});
afterEach(async () => {
  await github.close();
  await world.cleanup();
});

describe('a shallow CI checkout', () => {
  it('reads the batch from the compare API when the clone lacks the production commit', async () => {
    const { repo } = world;
    await world.writeConfig(repo, { checks: [] });
    const live = await repo.head();
    expect((await world.shipit(repo, ['deploy', '--yes'])).exitCode).toBe(0);
    for (const subject of ['feat: one', 'feat: two', 'feat: three']) await repo.commit(subject);
    await repo.push();
    github.addHistory(await listCommits(repo.dir, await repo.head()));

    const shallowDir = join(world.root, 'shallow');
    await execa('git', ['clone', '-q', '--depth', '1', `file://${world.origin}`, shallowDir]);
    const shallow = new Repo(shallowDir);

    await world.writeConfig(shallow, { checks: [] });
    const withoutGitHub = await world.shipit(shallow, ['status', '--json']);
    expect(withoutGitHub.exitCode).toBe(2);
    expect(withoutGitHub.stderr).toContain(`the production commit ${live.slice(0, 12)} is not in this clone`);
    expect(withoutGitHub.stderr).toContain('fetch-depth: 0');

    await world.writeConfig(shallow, { checks: [], github: { repository: github.repository, baseUrl: github.url } });
    const status = await world.shipit(shallow, ['status', '--json'], { GITHUB_TOKEN: github.token });
    expect(status.stderr).toBe('');
    const parsed = JSON.parse(status.stdout);
    expect(parsed.batch.commits.map((commit: { subject: string }) => commit.subject)).toEqual([
      'feat: three',
      'feat: two',
      'feat: one',
    ]);
    expect(parsed.notes.join('\n')).toContain("the batch comes from GitHub's compare API");
  });
});
