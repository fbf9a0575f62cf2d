import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commit } from '../../src/gate/contract.js';
import { listCommits } from '../../src/git/commits.js';
import { type GitHub, getGitHub } from '../../src/github/client.js';
import { compareCommits } from '../../src/github/compare.js';
import { createDeployment, setDeploymentStatus } from '../../src/github/deployments.js';
import { createWorld } from '../helpers/git-world.js';
import { type GitHubServer, startGitHubServer } from '../helpers/github-server/index.js';
import { fakeCommit, githubEnv, setup } from './support.js';

let server: GitHubServer;
let gh: GitHub;
beforeAll(async () => {
  server = await startGitHubServer();
  gh = await getGitHub(setup, { repoRoot: process.cwd(), env: githubEnv(server) });
});
afterAll(() => server.close());

/** A linear history of `count` commits on top of `base`, newest first. */
function history(count: number, base: Commit): Commit[] {
  const commits: Commit[] = [];
  let parent = base.sha;
  for (let i = 0; i < count; i++) {
    const commit = { ...fakeCommit(`change ${i}`, `dev${i % 7}`), parents: [parent] };
    commits.unshift(commit);
    parent = commit.sha;
  }
  return commits;
}

describe('compareCommits', () => {
  it("reads a real repository's range with the same shape as listCommits", async () => {
    const world = await createWorld();
    try {
      const base = await world.repo.head();
      await world.repo.commit('feat: one', { author: 'dev1' });
      await world.repo.commit('feat: two', { author: 'dev2' });
      const all = await listCommits(world.repo.dir, 'HEAD');
      server.addHistory(all);
      const comparison = await compareCommits(gh, base, all[0]?.sha as string);
      expect(comparison).toEqual({ status: 'ahead', commits: all.slice(0, 2) });
    } finally {
      await world.cleanup();
    }
  });

  it("pages past GitHub's 250-commit cap: 320 commits, none missing", async () => {
    const base = fakeCommit('production');
    const commits = history(320, base);
    server.addHistory([...commits, base]);
    server.resetCounts();
    const comparison = await compareCommits(gh, base.sha, commits[0]?.sha as string);
    expect(comparison.commits.map((commit) => commit.sha)).toEqual(commits.map((commit) => commit.sha));
    expect(server.requests).toHaveLength(4);
  });

  it('says when production is not an ancestor of the candidate', async () => {
    const base = fakeCommit('root');
    const [production] = history(1, base);
    const candidate = history(2, base);
    server.addHistory([production as Commit, ...candidate, base]);
    const comparison = await compareCommits(gh, (production as Commit).sha, candidate[0]?.sha as string);
    expect(comparison.status).toBe('diverged');
    expect(comparison.commits).toHaveLength(2);
  });

  it('a commit GitHub does not have is named as such', async () => {
    const known = fakeCommit();
    server.addHistory([known]);
    await expect(compareCommits(gh, known.sha, 'b'.repeat(40))).rejects.toThrow(
      `GitHub has no commit ${known.shortSha} or bbbbbbb (not pushed?) in acme/app, or the token cannot read it`,
    );
  });
});

describe('deployments', () => {
  it('mirrors a deploy: created without auto-merge or required contexts, then its statuses', async () => {
    const sha = fakeCommit().sha;
    const id = await createDeployment(gh, {
      sha,
      environment: 'production',
      description: 'shipit deploy by dev1',
      payload: { batch: 3 },
    });
    await setDeploymentStatus(gh, id, 'in_progress', { logUrl: 'https://ci.example/run/1' });
    await setDeploymentStatus(gh, id, 'success', { description: 'deployed in 42s' });
    expect(server.deployments).toEqual([
      {
        id,
        sha,
        environment: 'production',
        description: 'shipit deploy by dev1',
        payload: { batch: 3 },
        autoMerge: false,
        requiredContexts: [],
        statuses: [
          { state: 'in_progress', logUrl: 'https://ci.example/run/1', description: undefined },
          { state: 'success', logUrl: undefined, description: 'deployed in 42s' },
        ],
      },
    ]);
  });

  it('a status for an unknown deployment is a clear error', async () => {
    await expect(setDeploymentStatus(gh, 999, 'failure')).rejects.toThrow(
      'GitHub has no deployment 999 in acme/app, or the token cannot read it',
    );
  });
});
