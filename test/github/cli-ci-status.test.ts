import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckRunSpec } from '../helpers/github-server/index.js';
import { type CheckReport, createGateWorld, type GateWorld } from './cli-world.js';

// Issue 11 "No false green", through the CLI: each case once read as green.

let gate: GateWorld;
beforeAll(async () => {
  gate = await createGateWorld();
});
afterAll(() => gate.cleanup());

const ci = (settings: Record<string, unknown> = {}) => [{ name: 'ci', type: 'ci-status', scope: 'head', ...settings }];
const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 0, 1, 10, minute, second)).toISOString();

/** A fresh head commit carrying these check runs; the check's result. */
async function headWith(checkRuns: CheckRunSpec[], extra: Parameters<GateWorld['github']['setCommit']>[1] = {}) {
  const sha = await gate.push(`change ${Math.random().toString(36).slice(2, 7)}`);
  gate.github.setCommit(sha, { checkRuns, ...extra });
  return sha;
}

describe('twins with one name are two checks', () => {
  it('two workflows with a job "test": the passing one does not hide the failing one', async () => {
    await headWith([
      { name: 'test', workflow: 'CI', conclusion: 'failure', startedAt: at(0) },
      { name: 'test', workflow: 'Nightly', conclusion: 'success', startedAt: at(5) },
    ]);
    const result = await gate.check(ci());
    expect(result.exitCode).toBe(1);
    expect(result.status).toBe('fail');
    expect(result.details).toContain('  ✗ CI / test: failure https://github.com/acme/app/actions/runs/1');
  });

  it('an Actions check and a commit status both named "build" are both required', async () => {
    await headWith([{ name: 'build', workflow: 'CI', startedAt: at(5) }], {
      statuses: [{ context: 'build', state: 'failure', createdAt: at(0), targetUrl: 'https://jenkins.example/7' }],
    });
    const result = await gate.check(ci());
    expect(result.status).toBe('fail');
    expect(result.details).toContain('  ✗ build: failure https://jenkins.example/7');
  });

  it('a failed job and its skipped twin both count', async () => {
    await headWith([
      { name: 'test', workflow: 'CI', conclusion: 'failure', startedAt: at(0), completedAt: at(3) },
      { name: 'test', workflow: 'CI', conclusion: 'skipped', startedAt: at(1), completedAt: at(1) },
    ]);
    expect((await gate.check(ci())).details).toContain(
      '  ✗ CI / test: failure https://github.com/acme/app/actions/runs/1',
    );
  });

  it('matrix legs sharing a display name each count', async () => {
    await headWith(
      ['success', 'failure', 'success'].map((conclusion, i) => ({
        name: 'unit',
        workflow: 'CI',
        conclusion: conclusion as CheckRunSpec['conclusion'],
        startedAt: at(0, i),
        completedAt: at(4, i),
      })),
    );
    const legs = await gate.check(ci());
    expect(legs.status).toBe('fail');
    expect(legs.details.filter((line) => line.includes('CI / unit'))).toHaveLength(1);
  });

  it('a re-run started after the failed run finished still supersedes it', async () => {
    await headWith([
      { name: 'test', workflow: 'CI', conclusion: 'failure', startedAt: at(0), completedAt: at(2), id: 40 },
      { name: 'test', workflow: 'CI', conclusion: 'success', startedAt: at(5), completedAt: at(7), id: 41 },
    ]);
    expect(await gate.check(ci())).toMatchObject({ exitCode: 0, status: 'pass', summary: 'CI green on 1 commit' });
  });
});

describe('a workflow is more than the jobs it has shown so far', () => {
  it('a workflow queued for a runner (no job yet) is pending, not green on what already passed', async () => {
    await headWith([{ name: 'lint', workflow: 'Lint' }], {
      workflowRuns: [{ id: 501, workflow: 'CI', status: 'queued' }],
    });
    const result = await gate.check(ci());
    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(/^CI still running on 1 of 1 commit/);
    expect(result.details).toContain(
      '  … CI (push workflow): queued, no job started yet https://github.com/acme/app/actions/runs/501',
    );
  });

  it('jobs waiting on needs: the finished ones do not make the workflow green', async () => {
    await headWith([{ name: 'build', workflow: 'CI', runId: 502 }], {
      workflowRuns: [{ id: 502, workflow: 'CI', status: 'in_progress' }],
    });
    const result = await gate.check(ci());
    expect(result.status).toBe('fail');
    expect(result.details.join('\n')).toContain('CI (push workflow): in_progress, more jobs to come');
  });

  it('a workflow that failed at startup is red', async () => {
    await headWith([{ name: 'build', workflow: 'CI' }], {
      workflowRuns: [{ id: 503, workflow: 'Deploy preview', status: 'completed', conclusion: 'startup_failure' }],
    });
    const result = await gate.check(ci());
    expect(result.status).toBe('fail');
    expect(result.details.join('\n')).toContain('✗ Deploy preview (push workflow): startup_failure before any job ran');
  });

  it('onPending wait keeps waiting while a workflow has no job yet', async () => {
    const sha = await headWith([{ name: 'lint', workflow: 'Lint' }], {
      workflowRuns: [{ id: 504, workflow: 'CI', status: 'pending' }],
    });
    gate.github.resetCounts();
    const running = gate.check(ci({ onPending: 'wait', pollInterval: '200ms', waitTimeout: '30s', timeout: '60s' }));
    while (gate.github.requests.filter((r) => r.path.endsWith('graphql')).length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    gate.github.setCommit(sha, {
      checkRuns: [
        { name: 'lint', workflow: 'Lint' },
        { name: 'test', workflow: 'CI', runId: 504 },
      ],
    });
    expect(await running).toMatchObject({ status: 'pass', summary: 'CI green on 1 commit' });
  });
});

describe('nothing ran is not green', () => {
  it('every check skipped (CI only on pull_request) warns', async () => {
    await headWith([
      { name: 'test', workflow: 'CI', conclusion: 'skipped' },
      { name: 'lint', workflow: 'CI', conclusion: 'skipped' },
    ]);
    const result = await gate.check(ci());
    expect(result.exitCode).toBe(0);
    expect(result.status).toBe('warn');
    expect(result.summary).toMatch(/^every CI check was skipped on 1 of 1 commit, nothing ran/);
  });
});

describe('the gate inside GitHub Actions', () => {
  it("ignores its own workflow run's jobs (GITHUB_RUN_ID) and the jobs named in ownJobs, and says so", async () => {
    await headWith([
      { name: 'test', workflow: 'CI' },
      { name: 'check', workflow: 'shipit', runId: 777, status: 'in_progress' },
      { name: 'deploy', workflow: 'shipit', event: 'workflow_dispatch', runId: 700, conclusion: 'failure' },
    ]);
    const inActions = { GITHUB_RUN_ID: '777', GITHUB_ACTIONS: 'true' };
    const results = await gate.checkEach(
      [...ci({ name: 'plain' }), ...ci({ name: 'own', ownJobs: ['shipit / deploy'] })],
      inActions,
    );
    const blocked = results.plain as CheckReport;
    expect(blocked.details).toContain('  ✗ shipit / deploy: failure https://github.com/acme/app/actions/runs/3');
    expect(blocked.details.join('\n')).not.toMatch(/[✗…] shipit \/ check/);
    expect(blocked.details).toContain("left out as the gate's own jobs: shipit / check");
    const result = results.own as CheckReport;
    expect(result).toMatchObject({ status: 'pass', summary: 'CI green on 1 commit' });
    expect(result.details).toEqual(["left out as the gate's own jobs: shipit / check, shipit / deploy"]);
  });
});

describe('superseded and held runs', () => {
  it('allowMissing lets through an earlier commit whose runs a later push cancelled; never the head', async () => {
    await gate.deploy();
    const earlier = await headWith([{ name: 'test', workflow: 'CI', conclusion: 'cancelled' }]);
    await headWith([{ name: 'test', workflow: 'CI' }]);
    const results = await gate.checkEach([
      ...ci({ name: 'allowed', scope: 'all', allowMissing: true }),
      ...ci({ name: 'strict', scope: 'all' }),
    ]);
    expect(results.allowed).toMatchObject({
      status: 'pass',
      summary: 'CI green on 2 commits (1 intermediate commit without CI or superseded, allowed)',
    });
    expect(results.strict?.summary).toBe(`CI is not green on 1 of 2 commits: ${earlier.slice(0, 7)}`);
  });

  it('a cancelled head is red even with allowMissing', async () => {
    await headWith([{ name: 'test', workflow: 'CI', conclusion: 'cancelled' }]);
    expect((await gate.check(ci({ allowMissing: true }))).status).toBe('fail');
  });

  it('a deploy job waiting for an environment approval is shown, not counted', async () => {
    await headWith([
      { name: 'test', workflow: 'CD' },
      { name: 'deploy-staging', workflow: 'CD', status: 'waiting' },
    ]);
    const result = await gate.check(ci({ scope: 'head' }));
    expect(result).toMatchObject({ exitCode: 0, status: 'pass' });
    expect(result.details.join('\n')).toContain('CD / deploy-staging: waiting (awaiting approval, not counted)');
  });
});

describe('names as GitHub shows them', () => {
  it('* crosses "/", and a pattern matches the bare job name or "Workflow / job"', async () => {
    await headWith([
      { name: 'linux', workflow: 'build' },
      { name: 'test', workflow: 'CI' },
    ]);
    // Each required pattern must match for the check to pass.
    const required = ['build*', 'CI / test', 'test', 'build / *', 'CI / t*', 'linux'];
    const results = await gate.checkEach([
      ...ci({ name: 'found', required }),
      ...ci({ name: 'missing', required: [...required, 'CI / e2e', 'build'] }),
    ]);
    expect(results.found?.status).toBe('pass');
    expect(results.missing?.details).toEqual([
      expect.any(String),
      '  … CI / e2e: expected, not reported',
      '  … build: expected, not reported',
    ]);
  });
});
