import type { CheckResult, Commit } from '../gate/contract.js';
import { decideVerdict, type Verdict } from '../gate/verdict.js';
import { distinctAuthors } from '../git/author.js';
import type { ExcludeSuggestion } from './exclude-suggestion.js';

/** Everything a report needs, whatever its format. */
export interface GateReport {
  environment: string;
  candidate: { sha: string; ref: string };
  production: { sha: string } | null;
  batch: Commit[];
  excluded: Commit[];
  notes: string[];
  results: CheckResult[];
  /** Wall time of the whole gate, first check started to last settled. */
  durationMs: number;
  verdict: Verdict;
  /** A deploy that goes ahead over a blocked gate (`--force --reason`): which checks it ignores, and why. */
  forced?: Forced;
  /** When red commits block the gate: the `deploy --exclude` that ships the rest. */
  suggestion?: ExcludeSuggestion;
}

export interface Forced {
  reason: string;
  ignoredChecks: string[];
}

export function createGateReport(fields: Omit<GateReport, 'verdict'>): GateReport {
  return { ...fields, verdict: decideVerdict(fields.results) };
}

/** The `--json` shape documented in docs/json.md. */
export function toJson(report: GateReport) {
  return {
    ok: report.verdict.ok,
    environment: report.environment,
    candidate: report.candidate,
    production: report.production,
    batch: {
      commits: report.batch.length,
      authors: distinctAuthors(report.batch).length,
      excluded: report.excluded.map((commit) => commit.sha),
    },
    notes: report.notes,
    durationMs: report.durationMs,
    checks: report.results.map((result) => ({
      name: result.name,
      status: result.status,
      severity: result.severity,
      summary: result.summary,
      details: result.details ?? [],
      url: result.url ?? null,
      durationMs: result.durationMs,
      ...(result.skipReason !== undefined ? { skipReason: result.skipReason } : {}),
    })),
    ...(report.suggestion ? { suggestion: report.suggestion } : {}),
  };
}
