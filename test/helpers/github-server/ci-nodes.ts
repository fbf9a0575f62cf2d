import type { CheckRunSpec, CommitSpec, WorkflowRunSpec } from './scenario.js';

// Check runs, check suites and workflow runs of one commit, linked the way GitHub links them:
// every check run belongs to one suite of one app; an Actions suite has one workflow run.

export interface ConnectionArgs {
  first?: number;
  after?: string;
}

export type Connection = <T>(items: T[], args: ConnectionArgs) => unknown;

const FAILING = new Set(['failure', 'timed_out', 'cancelled', 'action_required', 'startup_failure', 'stale']);

interface SuiteParts {
  app: string;
  run: WorkflowRunSpec | null;
  runs: { spec: CheckRunSpec; index: number }[];
}

function suiteKey(run: CheckRunSpec, runIds: Map<string, number>): { key: string; runId: number | null } {
  if (!run.workflow) return { key: `app:${run.app ?? 'ci-app'}`, runId: null };
  const byName = `${run.workflow}\n${run.event ?? 'push'}`;
  if (!runIds.has(byName)) runIds.set(byName, 9000 + runIds.size);
  const runId = run.runId ?? (runIds.get(byName) as number);
  return { key: `run:${runId}`, runId };
}

/** The commit's statusCheckRollup contexts (check runs then statuses) and its check suites. */
export function ciNodes(repository: string, spec: CommitSpec | undefined, connection: Connection) {
  const suites = new Map<string, SuiteParts>();
  const runIds = new Map<string, number>();
  (spec?.checkRuns ?? []).forEach((run, index) => {
    const { key, runId } = suiteKey(run, runIds);
    const explicit = spec?.workflowRuns?.find((candidate) => candidate.id === runId);
    const workflowRun = run.workflow
      ? (explicit ?? { id: runId as number, workflow: run.workflow, event: run.event })
      : null;
    const parts = suites.get(key) ?? {
      app: run.app ?? (run.workflow ? 'github-actions' : 'ci-app'),
      run: workflowRun,
      runs: [],
    };
    parts.runs.push({ spec: run, index });
    suites.set(key, parts);
  });
  for (const run of spec?.workflowRuns ?? []) {
    if (!suites.has(`run:${run.id}`)) suites.set(`run:${run.id}`, { app: 'github-actions', run, runs: [] });
  }
  const suiteNodes = [...suites.values()].map((parts) => suiteNode(repository, parts, connection));
  const checkRuns = suiteNodes.flatMap((suite, i) =>
    ([...suites.values()][i] as SuiteParts).runs.map(({ spec: run, index }) =>
      checkRunNode(repository, run, index, suite),
    ),
  );
  const statuses = (spec?.statuses ?? []).map((status, i) => ({
    __typename: 'StatusContext',
    context: status.context,
    state: status.state.toUpperCase(),
    targetUrl: status.targetUrl ?? null,
    createdAt: status.createdAt ?? new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  }));
  return { contexts: [...checkRuns, ...statuses], suites: suiteNodes };
}

function suiteNode(repository: string, parts: SuiteParts, connection: Connection) {
  const states = parts.runs.map(({ spec }) => spec.status ?? 'completed');
  const done = states.every((state) => state === 'completed');
  const status = parts.run?.status ?? (done ? 'completed' : 'in_progress');
  const failed = parts.runs.some(({ spec }) => FAILING.has(spec.conclusion ?? 'success'));
  const conclusion = status === 'completed' ? (parts.run?.conclusion ?? (failed ? 'failure' : 'success')) : null;
  const suite: Record<string, unknown> = {
    status: status.toUpperCase(),
    conclusion: conclusion?.toUpperCase() ?? null,
    app: { slug: parts.app, name: parts.app },
    workflowRun: parts.run && {
      databaseId: parts.run.id,
      event: parts.run.event ?? 'push',
      url: `https://github.com/${repository}/actions/runs/${parts.run.id}`,
      workflow: { name: parts.run.workflow },
    },
  };
  suite.checkRuns = (args: ConnectionArgs) =>
    connection(
      parts.runs.map(({ spec, index }) => checkRunNode(repository, spec, index, suite)),
      args,
    );
  return suite;
}

function checkRunNode(repository: string, run: CheckRunSpec, i: number, checkSuite: unknown) {
  const status = run.status ?? 'completed';
  const startedAt = run.startedAt ?? new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
  return {
    __typename: 'CheckRun',
    name: run.name,
    status: status.toUpperCase(),
    conclusion: status === 'completed' ? (run.conclusion ?? 'success').toUpperCase() : null,
    detailsUrl: run.detailsUrl ?? `https://github.com/${repository}/actions/runs/${run.id ?? i + 1}`,
    startedAt,
    completedAt:
      status === 'completed' ? (run.completedAt ?? new Date(Date.parse(startedAt) + 30_000).toISOString()) : null,
    databaseId: run.id ?? i + 1,
    checkSuite,
  };
}
