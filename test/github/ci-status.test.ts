import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCommits } from '../../src/git/commits.js';
import { createWorld } from '../helpers/git-world.js';
import { type CheckRunSpec, type GitHubServer, startGitHubServer } from '../helpers/github-server/index.js';
import { checkContext, fakeCommit, githubEnv, runCheck, visible } from './support.js';

let server: GitHubServer;
beforeAll(async () => {
  server = await startGitHubServer();
});
afterAll(() => server.close());

const run = (settings: Record<string, unknown>, batch = [fakeCommit()]) =>
  runCheck('ci-status', settings, checkContext({ batch, env: githubEnv(server) }));

describe('state mapping', () => {
  const conclusions: [CheckRunSpec['conclusion'], 'pass' | 'warn' | 'fail'][] = [
    ['success', 'pass'],
    ['neutral', 'pass'],
    // Alone, a skipped check means nothing ran: a warning (see "nothing ran" in the CLI tests).
    ['skipped', 'warn'],
    ['failure', 'fail'],
    ['timed_out', 'fail'],
    ['cancelled', 'fail'],
    ['action_required', 'fail'],
    ['startup_failure', 'fail'],
    ['stale', 'fail'],
  ];
  it.each(conclusions)('a check run concluding %s makes the check %s', async (conclusion, expected) => {
    const commit = fakeCommit();
    server.setCommit(commit.sha, { checkRuns: [{ name: 'build', conclusion }] });
    const outcome = await run({}, [commit]);
    expect(outcome.status).toBe(expected);
    if (expected === 'fail')
      expect(outcome.details).toContain(`  ✗ build: ${conclusion} https://github.com/acme/app/actions/runs/1`);
  });

  it.each(['success', 'failure', 'error', 'pending', 'expected'] as const)(
    'a legacy status %s is read too',
    async (state) => {
      const commit = fakeCommit();
      server.setCommit(commit.sha, {
        statuses: [{ context: 'ci/jenkins', state, targetUrl: 'https://jenkins.example/1' }],
      });
      const outcome = await run({}, [commit]);
      expect(outcome.status).toBe(state === 'success' ? 'pass' : 'fail');
      if (state !== 'success')
        expect(outcome.details?.join('\n')).toContain(`ci/jenkins: ${state} https://jenkins.example/1`);
      if (state === 'pending' || state === 'expected') expect(outcome.summary).toContain('CI still running');
    },
  );

  it.each(['queued', 'in_progress', 'pending', 'requested'] as const)(
    'a check run %s is pending, not green',
    async (status) => {
      const commit = fakeCommit();
      server.setCommit(commit.sha, { checkRuns: [{ name: 'deploy-preview', status }] });
      const outcome = await run({}, [commit]);
      expect(outcome.status).toBe('fail');
      expect(outcome.summary).toBe(`CI still running on 1 of 1 commit: ${commit.shortSha}`);
      expect(outcome.details).toContain(`  … deploy-preview: ${status} https://github.com/acme/app/actions/runs/1`);
    },
  );
});

describe('what counts', () => {
  it('a re-run supersedes the failed run, and a failing re-run supersedes a success', async () => {
    const fixed = fakeCommit();
    server.setCommit(fixed.sha, {
      checkRuns: [
        { name: 'test', conclusion: 'failure', id: 10, startedAt: '2026-01-01T10:00:00Z' },
        { name: 'test', conclusion: 'success', id: 11, startedAt: '2026-01-01T10:05:00Z' },
      ],
      statuses: [
        { context: 'lint', state: 'error', createdAt: '2026-01-01T10:00:00Z' },
        { context: 'lint', state: 'success', createdAt: '2026-01-01T10:01:00Z' },
      ],
    });
    expect((await run({}, [fixed])).status).toBe('pass');
    const broken = fakeCommit();
    server.setCommit(broken.sha, {
      checkRuns: [
        { name: 'test', conclusion: 'success', id: 20, startedAt: '2026-01-01T10:00:00Z' },
        { name: 'test', conclusion: 'failure', id: 21, startedAt: '2026-01-01T10:05:00Z' },
      ],
    });
    expect((await run({}, [broken])).status).toBe('fail');
  });

  it('a commit with no CI at all is not green', async () => {
    const commit = fakeCommit('feat: silent');
    server.setCommit(commit.sha, {});
    const outcome = await run({}, [commit]);
    expect(outcome.status).toBe('fail');
    expect(outcome.details).toEqual([`${commit.shortSha} feat: silent (dev1)`, '  no CI reported for this commit']);
    expect(outcome.culprits).toEqual([commit.sha]);
  });

  it('a commit GitHub does not have is not green either, and says so', async () => {
    const unpushed = fakeCommit('wip: local only');
    const outcome = await run({}, [unpushed]);
    expect(outcome.status).toBe('fail');
    expect(outcome.details).toEqual([
      `${unpushed.shortSha} wip: local only (dev1)`,
      '  GitHub does not have this commit (not pushed?)',
    ]);
  });

  it('allowMissing lets intermediate commits without CI through, never the head', async () => {
    const head = fakeCommit();
    const middle = fakeCommit();
    server.setCommit(head.sha, { checkRuns: [{ name: 'build' }] }).setCommit(middle.sha, {});
    const allowed = await run({ allowMissing: true }, [head, middle]);
    expect(allowed).toEqual({
      status: 'pass',
      summary: 'CI green on 2 commits (1 intermediate commit without CI or superseded, allowed)',
    });
    expect((await run({ allowMissing: false }, [head, middle])).status).toBe('fail');
    const bareHead = fakeCommit();
    server.setCommit(bareHead.sha, {});
    expect((await run({ allowMissing: true }, [bareHead, head])).status).toBe('fail');
  });

  it('a missing required context is pending; globs match', async () => {
    const commit = fakeCommit();
    server.setCommit(commit.sha, { checkRuns: [{ name: 'build (ubuntu)' }, { name: 'build (macos)' }] });
    expect((await run({ required: ['build (*)'] }, [commit])).status).toBe('pass');
    const outcome = await run({ required: ['build (*)', 'e2e'] }, [commit]);
    expect(outcome.status).toBe('fail');
    expect(outcome.details).toContain('  … e2e: expected, not reported');
    // Still running is not red: nothing to leave out yet.
    expect(outcome.culprits).toBeUndefined();
  });

  it('allowFailures shows the failure as a warning; ignore hides it', async () => {
    const commit = fakeCommit();
    server.setCommit(commit.sha, { checkRuns: [{ name: 'build' }, { name: 'flaky/e2e', conclusion: 'failure' }] });
    const warned = await run({ allowFailures: ['flaky/*'] }, [commit]);
    expect(warned.status).toBe('warn');
    expect(warned.details?.join('\n')).toContain('flaky/e2e: failure (allowed to fail)');
    expect(await run({ ignore: ['flaky/**'] }, [commit])).toEqual({ status: 'pass', summary: 'CI green on 1 commit' });
  });

  it('scope head reads only the candidate', async () => {
    const head = fakeCommit();
    const older = fakeCommit();
    server
      .setCommit(head.sha, { checkRuns: [{ name: 'build' }] })
      .setCommit(older.sha, { checkRuns: [{ name: 'build', conclusion: 'failure' }] });
    expect((await run({ scope: 'head' }, [head, older])).status).toBe('pass');
    expect((await run({ scope: 'all' }, [head, older])).status).toBe('fail');
  });

  it('a range of 0 commits passes with "nothing to deploy", without asking GitHub', async () => {
    server.resetCounts();
    const outcome = await run({}, []);
    expect(outcome).toEqual({ status: 'pass', summary: 'nothing to deploy: the batch has no commits' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('reading a real batch', () => {
  it('names each red commit with short sha, subject and author, and links the failing contexts', async () => {
    const world = await createWorld();
    try {
      await world.repo.commit('feat: login', { author: 'dev1' });
      await world.repo.commit('fix: typo', { author: 'dev2' });
      await world.repo.commit('chore: bump', { author: 'dev3' });
      const batch = await listCommits(world.repo.dir, 'HEAD', ['HEAD~3']);
      const [bump, typo, login] = batch as [(typeof batch)[0], (typeof batch)[0], (typeof batch)[0]];
      server.setCommit(bump.sha, { checkRuns: [{ name: 'build' }] });
      server.setCommit(typo.sha, {
        checkRuns: [{ name: 'build', conclusion: 'failure', detailsUrl: 'https://ci.example/typo' }],
      });
      server.setCommit(login.sha, {
        statuses: [{ context: 'ci/legacy', state: 'error', targetUrl: 'https://ci.example/login' }],
      });
      const outcome = await runCheck(
        'ci-status',
        {},
        checkContext({ batch, env: githubEnv(server), repoRoot: world.repo.dir }),
      );
      expect(outcome.status).toBe('fail');
      expect(outcome.summary).toBe(`CI is not green on 2 of 3 commits: ${typo.shortSha}, ${login.shortSha}`);
      expect(outcome.details).toEqual([
        `${typo.shortSha} fix: typo (dev2)`,
        '  ✗ build: failure https://ci.example/typo',
        `${login.shortSha} feat: login (dev1)`,
        '  ✗ ci/legacy: error https://ci.example/login',
      ]);
      expect(outcome.url).toBe('https://ci.example/typo');
      // What the exclude suggestion reads: full shas, not the summary's display text.
      expect(outcome.culprits).toEqual([typo.sha, login.sha]);
    } finally {
      await world.cleanup();
    }
  });
});

describe('pagination and cost', () => {
  it('follows contexts past 100: a failure at #140 is never read as green', async () => {
    const commit = fakeCommit();
    const checkRuns: CheckRunSpec[] = Array.from({ length: 150 }, (_, i) => ({
      name: `shard-${i}`,
      conclusion: i === 140 ? 'failure' : 'success',
    }));
    server.setCommit(commit.sha, { checkRuns });
    server.resetCounts();
    const outcome = await run({}, [commit]);
    expect(outcome.status).toBe('fail');
    expect(outcome.details?.join('\n')).toContain('shard-140: failure');
    expect(server.requests).toHaveLength(2);
  });

  it('follows workflow runs past 100: a run queued at #130 is never read as green', async () => {
    const commit = fakeCommit();
    const workflowRuns = Array.from({ length: 150 }, (_, i) => ({
      id: 20_000 + i,
      workflow: `wf-${i}`,
      status: i === 130 ? ('queued' as const) : ('completed' as const),
      conclusion: 'success' as const,
    }));
    server.setCommit(commit.sha, { checkRuns: [{ name: 'build' }], workflowRuns });
    server.resetCounts();
    const outcome = await run({}, [commit]);
    expect(outcome.status).toBe('fail');
    expect(outcome.details).toContain(
      '  … wf-130 (push workflow): queued, no job started yet https://github.com/acme/app/actions/runs/20130',
    );
    expect(server.requests).toHaveLength(2);
  });

  it('250 commits cost 3 queries, pages of 100', async () => {
    const batch = Array.from({ length: 250 }, () => fakeCommit());
    for (const commit of batch) server.setCommit(commit.sha, { checkRuns: [{ name: 'build' }] });
    server.resetCounts();
    const outcome = await run({}, batch);
    expect(outcome).toEqual({ status: 'pass', summary: 'CI green on 250 commits' });
    expect(server.requests).toHaveLength(3);
  });
});

describe('onPending: wait', () => {
  it('polls with live progress until the pending run finishes', async () => {
    const commit = fakeCommit();
    server.setCommit(commit.sha, { checkRuns: [{ name: 'e2e', status: 'in_progress' }] });
    const ctx = checkContext({ batch: [commit], env: githubEnv(server) });
    const running = runCheck('ci-status', { onPending: 'wait', pollInterval: '100ms', waitTimeout: '10s' }, ctx);
    await new Promise((resolve) => setTimeout(resolve, 250));
    server.setCommit(commit.sha, { checkRuns: [{ name: 'e2e', conclusion: 'success' }] });
    expect(await running).toEqual({ status: 'pass', summary: 'CI green on 1 commit' });
    expect(ctx.progressMessages[0]).toMatch(/^waiting for CI on 1 commit \(e2e\), \d+(\.\d)?s left$/);
  });

  it('fails naming what is still running when the wait times out', async () => {
    const commit = fakeCommit();
    server.setCommit(commit.sha, { checkRuns: [{ name: 'e2e', status: 'queued' }] });
    const outcome = await run({ onPending: 'wait', pollInterval: '50ms', waitTimeout: '300ms' }, [commit]);
    expect(outcome.status).toBe('fail');
    expect(visible(outcome)).toContain('e2e: queued');
  });
});
