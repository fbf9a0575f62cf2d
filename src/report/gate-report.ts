import type { CheckResult, Commit } from '../gate/contract.js';
import { decideVerdict, type Verdict } from '../gate/verdict.js';
import type { DeployRecord } from '../state/store.js';
import type { ExcludeSuggestion } from './exclude-suggestion.js';
import { batchJson, liveJson } from './json-shapes.js';

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
  /**
   * For --json, set by the command that publishes it: the branch commit (`candidate` above is the
   * release commit the checks read) and the live release's record.
   */
  origin?: { candidate: { sha: string; ref: string }; live: DeployRecord | null };
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

/** The `--json` shape documented in docs/json.md (docs/schemas/check.schema.json). */
export function toJson(report: GateReport) {
  return {
    ok: report.verdict.ok,
    environment: report.environment,
    candidate: report.origin?.candidate ?? report.candidate,
    release: report.candidate.sha,
    live: liveJson(report.origin?.live ?? null),
    batch: batchJson(report.batch, report.excluded),
    ...(report.forced ? { forced: report.forced } : {}),
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
