import type { DeployRecord } from '../state/store.js';

const DAY_MS = 86_400_000;

/** The four DORA figures over a period, as docs/auto.md defines each one. */
export interface DoraFigures {
  from: string;
  to: string;
  days: number;
  deploys: { total: number; successful: number; failed: number; faulty: number; rolledBack: number };
  deployFrequency: { perDay: number; perWeek: number };
  batchSize: { median: number | null; counted: number };
  /** 0..1; null when the period has no deploy. */
  changeFailureRate: number | null;
  timeToRestore: { medianMs: number | null; restored: number; unrestored: number };
}

interface DoraInput {
  /** Every record of the environment, any order. */
  records: DeployRecord[];
  now: Date;
  periodMs: number;
  /** Commits per deploy id, for the deploys whose batch could be counted. */
  batchSizes: ReadonlyMap<number, number>;
}

/** Deploys that reached an outcome: running, verifying and aborted ones are no outcome of a change. */
export const countsAsDeploy = (record: DeployRecord) =>
  record.action === 'deploy' && ['success', 'failure', 'faulty'].includes(record.status);

export function computeDora(input: DoraInput): DoraFigures {
  const to = input.now.getTime();
  const from = to - input.periodMs;
  const all = [...input.records].sort((a, b) => a.id - b.id);
  const inPeriod = (record: DeployRecord) => {
    const at = Date.parse(record.startedAt);
    return at >= from && at <= to;
  };
  const failing = failingDeploys(all);
  const deploys = all.filter((record) => inPeriod(record) && countsAsDeploy(record));
  const successful = deploys.filter((record) => record.status === 'success').length;
  const days = input.periodMs / DAY_MS;
  const sizes = deploys.flatMap((record) => input.batchSizes.get(record.id) ?? []);
  const incidents = restoreTimes(all, failing).filter(
    (incident) => incident.startedAt >= from && incident.startedAt <= to,
  );
  const restored = incidents.flatMap((incident) =>
    incident.restoredAt === null ? [] : [incident.restoredAt - incident.startedAt],
  );
  const failed = deploys.filter((record) => failing.has(record.id));
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    days: round(days),
    deploys: {
      total: deploys.length,
      successful,
      failed: failed.filter((record) => record.status === 'failure').length,
      faulty: failed.filter((record) => record.status === 'faulty').length,
      rolledBack: failed.filter((record) => record.status === 'success').length,
    },
    deployFrequency: { perDay: round(successful / days), perWeek: round((successful / days) * 7) },
    batchSize: { median: median(sizes), counted: sizes.length },
    changeFailureRate: deploys.length ? round(failed.length / deploys.length) : null,
    timeToRestore: {
      medianMs: median(restored),
      restored: restored.length,
      unrestored: incidents.length - restored.length,
    },
  };
}

/** Ids of deploys that failed, were faulty, or were followed by a rollback (the next record with an outcome). */
function failingDeploys(sorted: DeployRecord[]): Set<number> {
  const failing = new Set<number>();
  const outcomes = sorted.filter((record) => record.status !== 'aborted' && record.status !== 'running');
  outcomes.forEach((record, index) => {
    if (!countsAsDeploy(record)) return;
    const next = outcomes[index + 1];
    if (record.status !== 'success' || next?.action === 'rollback') failing.add(record.id);
  });
  return failing;
}

/**
 * Incidents: one opens at the start of a failing deploy (unless one is open), and closes when
 * the next successful rollback, or successful deploy that is not failing itself, finishes.
 */
function restoreTimes(sorted: DeployRecord[], failing: Set<number>) {
  const incidents: { startedAt: number; restoredAt: number | null }[] = [];
  let open: { startedAt: number; restoredAt: number | null } | null = null;
  for (const record of sorted) {
    if (failing.has(record.id)) {
      if (!open) {
        open = { startedAt: Date.parse(record.startedAt), restoredAt: null };
        incidents.push(open);
      }
    } else if (open && record.status === 'success') {
      open.restoredAt = Date.parse(record.finishedAt ?? record.startedAt);
      open = null;
    }
  }
  return incidents;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
