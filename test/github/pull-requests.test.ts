import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getGitHub } from '../../src/github/client.js';
import { pullRequestsFor } from '../../src/github/pull-requests.js';
import { type GitHubServer, startGitHubServer } from '../helpers/github-server/index.js';
import { checkContext, fakeCommit, githubEnv, runCheck, setup } from './support.js';

let server: GitHubServer;
let nextNumber = 100;
beforeAll(async () => {
  server = await startGitHubServer();
});
afterAll(() => server.close());

/** A merged PR bringing a fresh commit; returns both. */
function prCommit(
  pr: {
    labels?: string[];
    reviewDecision?: 'APPROVED' | 'REVIEW_REQUIRED' | null;
    title?: string;
    author?: string;
  } = {},
) {
  const number = nextNumber++;
  server.setPullRequest({
    number,
    title: pr.title ?? `Change ${number}`,
    author: pr.author ?? 'dev1',
    labels: pr.labels,
    reviewDecision: pr.reviewDecision,
  });
  const commit = fakeCommit(`change of #${number}`);
  server.setCommit(commit.sha, { checkRuns: [{ name: 'build' }], pullRequests: [number] });
  return { number, commit };
}

const run = (settings: Record<string, unknown>, batch: ReturnType<typeof fakeCommit>[]) =>
  runCheck('pull-requests', settings, checkContext({ batch, env: githubEnv(server) }));

describe('pull-requests', () => {
  it('fails on a blocking label, naming the PR: number, title, author, labels, link', async () => {
    const ok = prCommit({ labels: ['qa-ok'] });
    const blocked = prCommit({ labels: ['QA-Pending', 'frontend'], title: 'Checkout redesign', author: 'pm-anna' });
    const outcome = await run({ blockLabels: ['qa-pending', 'do-not-deploy'] }, [ok.commit, blocked.commit]);
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe(`1 of 2 pull requests not ready to deploy: #${blocked.number}`);
    expect(outcome.details).toEqual([
      `#${blocked.number} Checkout redesign by @pm-anna [QA-Pending, frontend] https://github.com/acme/app/pull/${blocked.number}`,
      '  blocking label "qa-pending"',
    ]);
    expect(outcome.url).toBe(`https://github.com/acme/app/pull/${blocked.number}`);
  });

  it('do-not-deploy blocks by default', async () => {
    const blocked = prCommit({ labels: ['do-not-deploy'] });
    expect((await run({}, [blocked.commit])).status).toBe('fail');
  });

  it('requireLabels and requireApproval', async () => {
    const approved = prCommit({ labels: ['qa-ok'], reviewDecision: 'APPROVED' });
    const unreviewed = prCommit({ labels: ['qa-ok'], reviewDecision: 'REVIEW_REQUIRED' });
    const untested = prCommit({ labels: [], reviewDecision: 'APPROVED' });
    expect((await run({ requireLabels: ['qa-ok'], requireApproval: true }, [approved.commit])).status).toBe('pass');
    const outcome = await run({ requireLabels: ['qa-ok'], requireApproval: true }, [
      approved.commit,
      unreviewed.commit,
      untested.commit,
    ]);
    expect(outcome.status).toBe('fail');
    expect(outcome.details).toContain("  not approved (the branch's review rule is not met)");
    expect(outcome.details).toContain('  missing label "qa-ok"');
  });

  it('commits without a pull request: warn by default, fail or ignore when told', async () => {
    const reviewed = prCommit();
    const direct = fakeCommit('hotfix: straight to main', 'ops');
    server.setCommit(direct.sha, { checkRuns: [{ name: 'build' }] });
    const warned = await run({}, [reviewed.commit, direct]);
    expect(warned).toEqual({
      status: 'warn',
      summary: '1 commit came without a pull request',
      details: ['1 commit without a pull request:', `  ${direct.shortSha} hotfix: straight to main (ops)`],
    });
    expect((await run({ withoutPullRequest: 'fail' }, [reviewed.commit, direct])).status).toBe('fail');
    expect(await run({ withoutPullRequest: 'ignore' }, [reviewed.commit, direct])).toEqual({
      status: 'pass',
      summary: '1 pull request ready to deploy',
    });
  });

  it('a closed, unmerged PR that contains the commit did not bring it', async () => {
    const merged = prCommit();
    server.setPullRequest({ number: 9000, labels: ['do-not-deploy'], state: 'CLOSED' });
    server.setCommit(merged.commit.sha, { pullRequests: [9000, merged.number] });
    expect((await run({}, [merged.commit])).status).toBe('pass');
  });

  it('follows labels past 100: a blocking label at #150 still blocks', async () => {
    const labels = Array.from({ length: 160 }, (_, i) => (i === 150 ? 'do-not-deploy' : `area-${i}`));
    const many = prCommit({ labels });
    server.resetCounts();
    const outcome = await run({}, [many.commit]);
    expect(outcome.status).toBe('fail');
    expect(outcome.details?.[1]).toBe('  blocking label "do-not-deploy"');
    expect(server.requests).toHaveLength(2);
  });

  it('more reviewers than one page is never read as approved', async () => {
    const number = nextNumber++;
    const reviews = Array.from({ length: 101 }, (_, i) => ({ author: `rev${i}`, state: 'APPROVED' as const }));
    server.setPullRequest({ number, reviews });
    const commit = fakeCommit();
    server.setCommit(commit.sha, { pullRequests: [number] });
    const outcome = await run({ requireApproval: true }, [commit]);
    expect(outcome.status).toBe('fail');
    expect(outcome.details).toContain('  not approved (too many reviewers to read in one page: check it on GitHub)');
  });

  it('follows pull requests past 10 per commit', async () => {
    const commit = fakeCommit();
    const numbers = Array.from({ length: 12 }, () => nextNumber++);
    for (const [i, number] of numbers.entries())
      server.setPullRequest({ number, labels: i === 11 ? ['do-not-deploy'] : [] });
    server.setCommit(commit.sha, { pullRequests: numbers });
    const outcome = await run({}, [commit]);
    expect(outcome.summary).toBe(`1 of 12 pull requests not ready to deploy: #${numbers[11]}`);
  });

  it('ci-status and pull-requests in the same gate share one query', async () => {
    const batch = Array.from({ length: 120 }, () => prCommit().commit);
    server.resetCounts();
    const ctx = checkContext({ batch, env: githubEnv(server) });
    const [ci, prs] = await Promise.all([runCheck('ci-status', {}, ctx), runCheck('pull-requests', {}, ctx)]);
    expect(ci.status).toBe('pass');
    expect(prs).toEqual({ status: 'pass', summary: '120 pull requests ready to deploy' });
    expect(server.requests).toHaveLength(2);
  });

  it('pullRequestsFor gives shipit status the PRs of each commit', async () => {
    const a = prCommit({ title: 'Login', labels: ['qa-ok'], author: 'dev7' });
    const lone = fakeCommit();
    server.setCommit(lone.sha, {});
    const gh = await getGitHub(setup, { repoRoot: process.cwd(), env: githubEnv(server) });
    const found = await pullRequestsFor(gh, [a.commit.sha, lone.sha]);
    expect(found.get(a.commit.sha)).toEqual([
      {
        number: a.number,
        title: 'Login',
        author: 'dev7',
        labels: ['qa-ok'],
        url: `https://github.com/acme/app/pull/${a.number}`,
      },
    ]);
    expect(found.get(lone.sha)).toEqual([]);
  });
});
