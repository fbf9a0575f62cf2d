import type { CheckResult } from './contract.js';

export interface Verdict {
  ok: boolean;
  passed: number;
  warnings: number;
  failing: number;
  skipped: number;
  total: number;
}

/** The gate passes when no check fails; warnings and skips are allowed. */
export function decideVerdict(results: CheckResult[]): Verdict {
  const count = (status: CheckResult['status']) => results.filter((result) => result.status === status).length;
  const failing = count('fail');
  return {
    ok: failing === 0,
    passed: count('pass'),
    warnings: count('warn'),
    failing,
    skipped: count('skip'),
    total: results.length,
  };
}
