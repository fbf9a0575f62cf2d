import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorld, type Repo } from '../helpers/git-world.js';
import { type GitHubServer, startGitHubServer } from '../helpers/github-server/index.js';

// shipit init offers `required` from what the branch requires on GitHub, when the token may read it.

let github: GitHubServer;
beforeAll(async () => {
  github = await startGitHubServer();
  github.scenario.repository = 'acme/shop';
});
afterAll(() => github.close());

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A clone whose origin is named like GitHub but, through insteadOf, is the local bare repository. */
async function githubClone(): Promise<Repo> {
  const world = await createWorld();
  cleanups.push(world.cleanup);
  const remoteUrl = 'git@github.com:acme/shop.git';
  await world.repo.git('remote', 'set-url', 'origin', remoteUrl);
  await world.repo.git('config', `url.${world.origin}.insteadOf`, remoteUrl);
  await world.repo.git('fetch', '-q', 'origin');
  await world.repo.git('remote', 'set-head', 'origin', 'main');
  return world.repo;
}

const init = (repo: Repo, env: Record<string, string | undefined>) =>
  runCli(['init'], { cwd: repo.dir, env: { GITHUB_API_URL: github.url, GH_TOKEN: undefined, ...env } });
const configOf = (repo: Repo) => readFile(join(repo.dir, 'deploy.config.ts'), 'utf8');

describe('shipit init and branch protection', () => {
  it("writes required from main's branch protection and rulesets, and the config loads", async () => {
    github.setBranchRules('main', {
      protection: {
        contexts: ['build'],
        checks: [
          { context: 'build', app_id: null },
          { context: 'test', app_id: 15368 },
        ],
      },
      rulesets: ['lint'],
    });
    const repo = await githubClone();
    const result = await init(repo, { GITHUB_TOKEN: github.token });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/github\s+acme\/shop: ci-status \(required: build, test, lint\), pull-requests/);
    const config = await configOf(repo);
    expect(config).toContain("{ name: 'ci', type: 'ci-status', required: ['build', 'test', 'lint'] },");
    expect(config).toContain("// required: what main's branch protection requires (read by shipit init)");
    const listed = await runCli(['checks', '--json'], { cwd: repo.dir });
    expect(listed.exitCode).toBe(0);
    expect(JSON.parse(listed.stdout).map((check: { name: string }) => check.name)).toContain('ci');
  });

  it('a token without admin rights still reads the rulesets', async () => {
    github.setBranchRules('main', { forbidden: true, rulesets: ['CI / test'] });
    const repo = await githubClone();
    expect((await init(repo, { GITHUB_TOKEN: github.token })).exitCode).toBe(0);
    expect(await configOf(repo)).toContain("required: ['CI / test'] },");
  });

  it.each([
    ['no token', undefined],
    ['a rejected token', 'ghp_wrong'],
  ])('%s: the config as always, no required', async (_what, token) => {
    github.setBranchRules('main', { protection: { contexts: ['build'] } });
    const repo = await githubClone();
    expect((await init(repo, { GITHUB_TOKEN: token })).exitCode).toBe(0);
    expect(await configOf(repo)).toContain("{ name: 'ci', type: 'ci-status' },");
  });

  it('an unprotected branch: no required', async () => {
    github.scenario.branchRules.clear();
    const repo = await githubClone();
    expect((await init(repo, { GITHUB_TOKEN: github.token })).exitCode).toBe(0);
    expect(await configOf(repo)).toContain("{ name: 'ci', type: 'ci-status' },");
  });
});
