import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate/runner.js';
import { listCommits } from '../../src/git/commits.js';
import { redCommits } from '../../src/report/exclude-suggestion.js';
import { checkContext, githubEnv } from '../github/support.js';
import { builtinCheck } from '../helpers/check-builders.js';
import { createWorld, type World } from '../helpers/git-world.js';
import { type GitHubServer, startGitHubServer } from '../helpers/github-server/index.js';

// The exclude suggestion takes the red commits from ci-status's structured result, through the
// real gate, never from its summary: a subject that looks like a sha cannot add or hide one.

let server: GitHubServer;
let world: World;
beforeAll(async () => {
  [server, world] = await Promise.all([startGitHubServer(), createWorld()]);
});
afterAll(async () => {
  await Promise.all([server.close(), world.cleanup()]);
});

describe('redCommits', () => {
  it('names exactly the commits CI is red on, whatever their subjects say', async () => {
    await world.repo.commit('feat: login');
    const green = await world.repo.head();
    // A subject quoting the green commit's short sha, in the summary's own shape.
    await world.repo.commit(`fix: CI is not green on 1 of 2 commits: ${green.slice(0, 7)}`);
    await world.repo.commit('chore: bump');
    const batch = await listCommits(world.repo.dir, 'HEAD', ['HEAD~3']);
    const [bump, quoting, login] = batch as [(typeof batch)[0], (typeof batch)[0], (typeof batch)[0]];
    server.setCommit(bump.sha, { checkRuns: [{ name: 'build' }] });
    server.setCommit(login.sha, { checkRuns: [{ name: 'build' }] });
    server.setCommit(quoting.sha, { checkRuns: [{ name: 'build', conclusion: 'failure' }] });

    const check = await builtinCheck('ci-status', { name: 'ci' });
    const ctx = checkContext({ batch, env: githubEnv(server), repoRoot: world.repo.dir });
    const results = await runGate([check], () => ctx, { env: {} });
    expect(results[0]).toMatchObject({ name: 'ci', status: 'fail', culprits: [quoting.sha] });
    expect(redCommits(results, [check], batch)).toEqual([quoting]);
  });

  it('reads nothing from a check that is not ci-status, or that did not fail', async () => {
    await world.repo.commit('feat: more');
    const [commit] = await listCommits(world.repo.dir, 'HEAD', ['HEAD~1']);
    if (!commit) throw new Error('no commit');
    const ci = await builtinCheck('ci-status', { name: 'ci', severity: 'warning' });
    const other = { ...ci, name: 'plugin', kind: 'plugin: blames commits' };
    const results = [
      {
        name: 'ci',
        status: 'warn' as const,
        severity: 'warning' as const,
        summary: '',
        durationMs: 1,
        culprits: [commit.sha],
      },
      {
        name: 'plugin',
        status: 'fail' as const,
        severity: 'blocking' as const,
        summary: '',
        durationMs: 1,
        culprits: [commit.sha],
      },
    ];
    expect(redCommits(results, [ci, other], [commit])).toEqual([]);
  });
});
