import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullRequestSpec } from '../helpers/github-server/index.js';
import { createGateWorld, type GateWorld } from './cli-world.js';

// pull-requests through the CLI: drafts, and approvals read from the reviews themselves.

let gate: GateWorld;
let nextNumber = 300;
beforeAll(async () => {
  gate = await createGateWorld();
});
afterAll(() => gate.cleanup());

const prs = (settings: Record<string, unknown> = {}) => [{ name: 'prs', type: 'pull-requests', ...settings }];

/** A fresh head commit brought by one pull request like this; the PR's number. */
async function headFrom(pr: Omit<PullRequestSpec, 'number'>): Promise<number> {
  const number = nextNumber++;
  const sha = await gate.push(`change of #${number}`);
  gate.github.setPullRequest({ number, title: `Change ${number}`, author: 'dev1', ...pr });
  gate.github.setCommit(sha, { checkRuns: [{ name: 'build' }], pullRequests: [number] });
  return number;
}

describe('pull-requests', () => {
  it('an open draft pull request in the batch fails, whatever its labels', async () => {
    const number = await headFrom({ state: 'OPEN', isDraft: true, labels: ['qa-ok'] });
    const result = await gate.check(prs({ requireLabels: ['qa-ok'] }));
    expect(result.exitCode).toBe(1);
    expect(result.summary).toBe(`1 of 1 pull request not ready to deploy: #${number}`);
    expect(result.details).toContain('  draft');
  });

  it('the same pull request ready for review passes', async () => {
    await headFrom({ state: 'OPEN', isDraft: false, labels: ['qa-ok'] });
    expect(await gate.check(prs({ requireLabels: ['qa-ok'] }))).toMatchObject({ exitCode: 0, status: 'pass' });
  });

  it('requireApproval reads the reviews where GitHub has no review decision (no required-review rule)', async () => {
    await headFrom({
      reviewDecision: null,
      reviews: [
        { author: 'rev1', state: 'APPROVED' },
        { author: 'rev1', state: 'COMMENTED' },
      ],
    });
    expect(await gate.check(prs({ requireApproval: true }))).toMatchObject({
      exitCode: 0,
      status: 'pass',
      summary: '1 pull request ready to deploy',
    });
  });

  it("a reviewer's latest change request undoes their approval", async () => {
    await headFrom({
      reviewDecision: null,
      reviews: [
        { author: 'rev1', state: 'APPROVED' },
        { author: 'rev1', state: 'CHANGES_REQUESTED' },
      ],
    });
    const undone = await gate.check(prs({ requireApproval: true }));
    expect(undone.status).toBe('fail');
    expect(undone.details).toContain('  not approved (changes requested by @rev1)');
  });

  it("another reviewer's change request blocks an approval", async () => {
    await headFrom({
      reviewDecision: null,
      reviews: [
        { author: 'rev1', state: 'APPROVED' },
        { author: 'rev2', state: 'CHANGES_REQUESTED' },
      ],
    });
    expect((await gate.check(prs({ requireApproval: true }))).details).toContain(
      '  not approved (changes requested by @rev2)',
    );
  });

  it('no review at all, or only comments, is not an approval', async () => {
    await headFrom({ reviewDecision: null, reviews: [{ author: 'rev1', state: 'COMMENTED' }] });
    const result = await gate.check(prs({ requireApproval: true }));
    expect(result.status).toBe('fail');
    expect(result.details).toContain('  not approved (no approving review)');
  });
});
