import type { Output } from '../cli/output.js';
import { toJson } from '../report/gate-report.js';
import { safeLine } from '../report/untrusted-text.js';
import type { AutoRound } from './auto-round.js';

/** One line per round: when, and why it did or did not deploy. */
export function printRound(round: AutoRound, at: string, output: Output): void {
  const { chalk } = output;
  const paint = round.reason === 'deployed' ? chalk.green : round.exitCode === 0 ? chalk.yellow : chalk.red;
  output.print(paint(`auto ${at.replace('T', ' ').slice(0, 19)} UTC: ${safeLine(round.message)}`));
}

/** The `--json` document of one round (docs/schemas/auto.schema.json). */
export function autoDocument(round: AutoRound, when: { environment: string; at: string; durationMs: number }) {
  const { plan } = round;
  return {
    environment: when.environment,
    at: when.at,
    durationMs: when.durationMs,
    deployed: round.reason === 'deployed',
    reason: round.reason,
    message: round.message,
    candidate: plan ? plan.context.candidate : null,
    release: plan ? plan.target : null,
    commits: plan ? plan.shipping.length : null,
    lock: round.lock
      ? {
          user: round.lock.user,
          host: round.lock.host,
          since: round.lock.since,
          reason: round.lock.reason,
          kind: round.lock.kind,
          stale: round.lock.stale,
        }
      : null,
    faulty: round.faulty.map(({ commit, deployId }) => ({ sha: commit.sha, subject: commit.subject, deployId })),
    gate: round.gate ? toJson(round.gate) : null,
    deploy: round.deploy,
    exitCode: round.exitCode,
  };
}
