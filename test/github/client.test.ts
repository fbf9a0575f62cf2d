import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getGitHub } from '../../src/github/client.js';
import { repositoryFromRemoteUrl } from '../../src/github/repository.js';
import { followUpQuery, SIGNALS_FRAGMENT } from '../../src/github/signals-query.js';
import { createWorld } from '../helpers/git-world.js';
import { githubSchema } from '../helpers/github-server/graphql.js';
import { type GitHubServer, startGitHubServer } from '../helpers/github-server/index.js';
import { checkContext, fakeCommit, githubEnv, runCheck, setup } from './support.js';

let server: GitHubServer;
beforeAll(async () => {
  server = await startGitHubServer();
});
afterAll(() => server.close());

describe('repository from a remote URL', () => {
  it.each([
    ['git@github.com:acme/shop.git', 'acme/shop'],
    ['git@github.com:acme/shop', 'acme/shop'],
    ['ssh://git@github.com/acme/shop.git', 'acme/shop'],
    ['ssh://git@ghe.corp.example:2222/platform/api', 'platform/api'],
    ['https://github.com/acme/shop.git', 'acme/shop'],
    ['https://github.com/acme/shop', 'acme/shop'],
    ['https://x-access-token:abc@ghe.corp.example/platform/web.site/', 'platform/web.site'],
    ['git@ghe.corp.example:platform/api.git', 'platform/api'],
  ])('%s -> %s', (url, expected) => {
    const found = repositoryFromRemoteUrl(url);
    expect(found && `${found.owner}/${found.repo}`).toBe(expected);
  });

  it.each([
    'not a url',
    'https://github.com/only-owner',
    '/srv/git/app.git',
    'ftp://github.com/a/b',
    'https://github.com/a/b/c',
  ])('%s is not a GitHub repository', (url) => {
    expect(repositoryFromRemoteUrl(url)).toBeNull();
  });

  it('reads the origin remote when nothing is configured', async () => {
    const world = await createWorld();
    try {
      await world.repo.git('remote', 'set-url', 'origin', 'git@github.com:acme/app.git');
      const env = githubEnv(server, { GITHUB_REPOSITORY: undefined });
      const gh = await getGitHub(setup, { repoRoot: world.repo.dir, env });
      expect([gh.owner, gh.repo]).toEqual(['acme', 'app']);
    } finally {
      await world.cleanup();
    }
  });
});

describe('client', () => {
  it('config github.baseUrl and github.repository win over the env', async () => {
    const env = githubEnv(server, { GITHUB_API_URL: 'http://127.0.0.1:1', GITHUB_REPOSITORY: 'other/repo' });
    const gh = await getGitHub(
      { remote: 'origin', github: { baseUrl: `${server.url}/`, repository: 'acme/app' } },
      { repoRoot: process.cwd(), env },
    );
    expect([gh.baseUrl, gh.owner, gh.repo]).toEqual([server.url, 'acme', 'app']);
  });

  it('one client per process for the same settings', async () => {
    const env = githubEnv(server);
    const [a, b] = await Promise.all([
      getGitHub(setup, { repoRoot: process.cwd(), env }),
      getGitHub(setup, { repoRoot: process.cwd(), env }),
    ]);
    expect(a).toBe(b);
  });

  it('an Enterprise base URL (/api/v3) sends GraphQL to /api/graphql', async () => {
    const commit = fakeCommit();
    server.setCommit(commit.sha, { checkRuns: [{ name: 'build' }] });
    server.resetCounts();
    const env = githubEnv(server, { GITHUB_API_URL: `${server.url}/api/v3` });
    expect((await runCheck('ci-status', {}, checkContext({ batch: [commit], env }))).status).toBe('pass');
    expect(server.requests.map((request) => request.path)).toEqual(['/api/graphql']);
  });

  it('sends the token as an authorization header and nowhere else', async () => {
    const commit = fakeCommit();
    server.setCommit(commit.sha, {});
    server.resetCounts();
    await runCheck('ci-status', {}, checkContext({ batch: [commit], env: githubEnv(server) }));
    const [request] = server.requests;
    expect(request?.authorization).toBe(`token ${server.token}`);
    expect(request?.body).not.toContain(server.token);
  });
});

describe('queries', () => {
  it("the batch and follow-up queries validate against GitHub's published schema", () => {
    const sha = 'a'.repeat(40);
    const batch = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { c0: object(oid: "${sha}") { ...signals } } }\n${SIGNALS_FRAGMENT}`;
    const followUp = followUpQuery({
      contexts: [{ sha, after: 'Y3Vyc29y' }],
      suites: [{ sha, after: 'Y3Vyc29y' }],
      pullRequests: [{ sha, after: 'Y3Vyc29y' }],
      labels: [{ number: 7, after: 'a"b' }],
    });
    expect(validate(githubSchema(), parse(batch))).toEqual([]);
    expect(validate(githubSchema(), parse(followUp))).toEqual([]);
  });
});

describe('startup cost', () => {
  it('octokit is never imported statically by the GitHub checks', async () => {
    const checks = ['ci-status', 'pull-requests'].map((name) =>
      fileURLToPath(new URL(`../../src/checks/${name}.ts`, import.meta.url)),
    );
    const result = await build({
      entryPoints: checks,
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      splitting: true,
      outdir: '/tmp/shipit-bundle-check',
      packages: 'external',
      logLevel: 'silent',
    });
    const inputs = result.metafile.inputs;
    const starts = Object.keys(inputs).filter((path) => /src\/checks\/(ci-status|pull-requests)\.ts$/.test(path));
    expect(starts).toHaveLength(2);
    const seen = new Set<string>();
    const stack = [...starts];
    while (stack.length) {
      const path = stack.pop() as string;
      if (seen.has(path)) continue;
      seen.add(path);
      for (const imported of inputs[path]?.imports ?? []) {
        if (imported.kind === 'import-statement') stack.push(imported.path);
      }
    }
    expect([...seen].filter((path) => path.includes('@octokit') || path.endsWith('src/github/client.ts'))).toEqual([]);
    expect(
      [...seen].some((path) => path.endsWith('src/github/commit-signals.ts') || path.endsWith('src/github/outcome.ts')),
    ).toBe(true);
  });
});
