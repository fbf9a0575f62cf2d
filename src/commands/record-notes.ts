import { safeLine } from '../report/untrusted-text.js';
import type { DeployRecord } from '../state/store.js';

/** ` (auto)` after the user of a deploy `shipit auto` started; nothing for a person's. */
export function triggerLabel(record: DeployRecord): string {
  return record.trigger === 'auto' ? ' (auto)' : '';
}

/**
 * One line on the verification window of a record that has one: its rounds, how many failed,
 * and the last one's summary. Read tolerantly: the field is the verification step's to shape,
 * and a record from an older or newer shipit may carry it differently, or not at all.
 */
export function verificationLine(record: DeployRecord): string | null {
  const verification = (record as { verification?: unknown }).verification;
  if (!verification || typeof verification !== 'object') return null;
  const rounds = (verification as { rounds?: unknown }).rounds;
  if (!Array.isArray(rounds)) return `verification: ${record.status}`;
  const failed = rounds.filter((round) => {
    const { ok, status } = (round ?? {}) as { ok?: unknown; status?: unknown };
    return ok === false || status === 'fail' || status === 'failed';
  }).length;
  const last = rounds.at(-1) as { summary?: unknown } | undefined;
  const summary = typeof last?.summary === 'string' ? `; last: ${safeLine(last.summary)}` : '';
  return `verification: ${rounds.length} round${rounds.length === 1 ? '' : 's'}, ${failed} failing${summary}`;
}
