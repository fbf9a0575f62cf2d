import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltinSetup } from '../../src/checks/define.js';
import type { CheckOutcome } from '../../src/gate/contract.js';
import { createWorld } from '../helpers/git-world.js';
import { type GitHubServer, startGitHubServer } from '../helpers/github-server/index.js';
import { checkContext, fakeCommit, githubEnv, runCheck, setup, visible } from './support.js';

let server: GitHubServer;
beforeAll(async () => {
  server = await startGitHubServer();
});
afterAll(() => server.close());

const outputs: string[] = [];

async function runBoth(
  env: NodeJS.ProcessEnv,
  checkSetup: BuiltinSetup = setup,
): Promise<[CheckOutcome, CheckOutcome]> {
  const commit = fakeCommit();
  server.setCommit(commit.sha, { checkRuns: [{ name: 'build' }] });
  const ctx = checkContext({ batch: [commit], env });
  const outcomes = await Promise.all([
    runCheck('ci-status', {}, ctx, checkSetup),
    runCheck('pull-requests', {}, ctx, checkSetup),
  ]);
  outputs.push(...outcomes.map(visible));
  return outcomes;
}

describe('faults', () => {
  it('no token: both GitHub checks fail with the catalogued line', async () => {
    const [ci, prs] = await runBoth(
      githubEnv(server, { GITHUB_TOKEN: undefined, GH_TOKEN: undefined, PATH: '/nonexistent' }),
    );
    for (const outcome of [ci, prs]) {
      expect(outcome.status).toBe('fail');
      expect(outcome.summary).toBe('no GitHub token: set GITHUB_TOKEN or run `gh auth login`');
    }
  });

  it('GH_TOKEN is used when GITHUB_TOKEN is unset', async () => {
    const [ci] = await runBoth(githubEnv(server, { GITHUB_TOKEN: undefined, GH_TOKEN: server.token }));
    expect(ci.status).toBe('pass');
  });

  it('falls back to `gh auth token` when the gh CLI is installed', async () => {
    const bin = await mkdtemp(join(tmpdir(), 'shipit-gh-'));
    try {
      const gh = join(bin, 'gh');
      await writeFile(gh, `#!/bin/sh\n[ "$1 $2" = "auth token" ] && echo ${server.token}\n`);
      await chmod(gh, 0o755);
      const env = githubEnv(server, {
        GITHUB_TOKEN: undefined,
        GH_TOKEN: undefined,
        PATH: `${bin}:${process.env.PATH}`,
      });
      const [ci] = await runBoth(env);
      expect(ci).toEqual({ status: 'pass', summary: 'CI green on 1 commit' });
    } finally {
      await rm(bin, { recursive: true, force: true });
    }
  });

  it('a rejected token (401)', async () => {
    const [ci, prs] = await runBoth(githubEnv(server, { GITHUB_TOKEN: 'ghp_wrongtoken_should_never_print' }));
    expect(ci.summary).toBe('GitHub rejected the token (401 Bad credentials)');
    expect(prs.summary).toBe('GitHub rejected the token (401 Bad credentials)');
    expect(ci.details).toEqual(['check that GITHUB_TOKEN is valid and not expired']);
  });

  it('a repository not found or not readable (404)', async () => {
    const [ci] = await runBoth(githubEnv(server, { GITHUB_REPOSITORY: 'acme/secret' }));
    expect(ci.status).toBe('fail');
    expect(ci.summary).toBe('GitHub repository acme/secret not found, or the token cannot read it');
  });

  it('rate limit exhausted (403): fails saying when it resets', async () => {
    server.rateLimitNext(600);
    const [ci] = await runBoth(githubEnv(server));
    expect(ci.status).toBe('fail');
    expect(ci.summary).toMatch(/^GitHub API rate limit exhausted; it resets at \d\d:\d\d:\d\d UTC \(in 10m\)$/);
    expect(ci.details?.[0]).toContain('github.onRateLimit: wait');
  });

  it('secondary rate limit (429 with retry-after): fails saying when', async () => {
    server.secondaryRateLimitNext(90);
    const [ci] = await runBoth(githubEnv(server));
    expect(ci.summary).toMatch(/^GitHub API rate limit exhausted; it resets at \d\d:\d\d:\d\d UTC \(in 2m\)$/);
  });

  it('rate limit with onRateLimit: wait waits for the reset, then answers', async () => {
    server.rateLimitNext(1);
    const started = Date.now();
    const [ci] = await runBoth(githubEnv(server), {
      remote: 'origin',
      github: { onRateLimit: 'wait' } as BuiltinSetup['github'],
    });
    expect(ci).toEqual({ status: 'pass', summary: 'CI green on 1 commit' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('502 then success is retried', async () => {
    server.failNext({ status: 502, body: { message: 'Bad Gateway' } });
    server.resetCounts();
    const [ci, prs] = await runBoth(githubEnv(server));
    expect(ci.status).toBe('pass');
    expect(prs.status).toBe('warn');
    expect(server.requests).toHaveLength(2);
  });

  it('5xx that persists fails after the retries', async () => {
    server.failNext({ status: 503, body: { message: 'Service Unavailable' } }, 3);
    const [ci] = await runBoth(githubEnv(server));
    expect(ci.summary).toBe(`GitHub API at ${server.url} failed with 503 after retries: Service Unavailable`);
  });

  it('an unreachable server fails fast with a clear message', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const started = Date.now();
    const [ci] = await runBoth(githubEnv(server, { GITHUB_API_URL: `http://127.0.0.1:${port}` }));
    expect(ci.summary).toBe(`cannot reach the GitHub API at http://127.0.0.1:${port}: ECONNREFUSED`);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a hanging server times out with a clear message', async () => {
    server.failNext({ hang: true });
    const [ci] = await runBoth(githubEnv(server), {
      remote: 'origin',
      github: { requestTimeout: 300 } as BuiltinSetup['github'],
    });
    expect(ci.summary).toBe(`GitHub API at ${server.url} did not answer within 0.3s`);
  });

  it('a malformed remote URL, with no repository configured', async () => {
    const world = await createWorld();
    try {
      await world.repo.git('remote', 'set-url', 'origin', 'https://ghp_remote_secret@github.example/not-a-repo-path');
      const commit = fakeCommit();
      const ctx = checkContext({
        batch: [commit],
        env: githubEnv(server, { GITHUB_REPOSITORY: undefined }),
        repoRoot: world.repo.dir,
      });
      const outcome = await runCheck('ci-status', {}, ctx);
      outputs.push(visible(outcome));
      expect(outcome.summary).toBe(
        'cannot tell the GitHub repository from remote "origin" URL "https://***@github.example/not-a-repo-path"',
      );
      expect(outcome.details).toEqual(['set github.repository: "owner/repo" in the config, or GITHUB_REPOSITORY']);
    } finally {
      await world.cleanup();
    }
  });

  it('a range of 0 commits passes with a note, without needing a token', async () => {
    const ctx = checkContext({ batch: [], env: { PATH: '/nonexistent' } });
    expect((await runCheck('pull-requests', {}, ctx)).summary).toBe('nothing to deploy: the batch has no commits');
  });

  it('never prints a token, in any outcome', () => {
    expect(outputs.length).toBeGreaterThan(15);
    for (const output of outputs) {
      expect(output).not.toContain(server.token);
      expect(output).not.toContain('ghp_wrongtoken_should_never_print');
      expect(output).not.toContain('ghp_remote_secret');
    }
  });
});
