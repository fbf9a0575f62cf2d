import type { Commit } from '../gate/contract.js';

export interface Exclusion {
  commit: Commit;
  /** Why it is held back (`--reason`); shown in the release commit. */
  reason?: string;
}

/** The git trailer that lists the excluded shas of a release commit. */
const EXCLUDED_TRAILER = 'Shipit-Excluded';

/**
 * The release commit's message, in git's own revert form, ending with the
 * `Shipit-Excluded: <sha> <sha>` trailer (`git interpret-trailers --parse` reads it).
 */
export function releaseMessage(exclusions: Exclusion[]): string {
  const first = exclusions[0];
  if (!first) throw new Error('a release message needs at least one exclusion');
  const trailer = `${EXCLUDED_TRAILER}: ${exclusions.map((exclusion) => exclusion.commit.sha).join(' ')}`;
  const reasons = exclusions.map((exclusion) => singleLine(exclusion.reason));
  const sharedReason = reasons.every((reason) => reason === reasons[0]) ? reasons[0] : '';

  if (exclusions.length === 1) {
    return paragraphs(revertSubject(first.commit), revertBody(first.commit), sharedReason, trailer);
  }
  const blocks = exclusions.map((exclusion, index) =>
    [revertSubject(exclusion.commit), revertBody(exclusion.commit), sharedReason ? '' : reasons[index]]
      .filter(Boolean)
      .join('\n'),
  );
  return paragraphs(`Revert ${exclusions.length} commits excluded from release`, ...blocks, sharedReason, trailer);
}

const revertSubject = (commit: Commit) => `Revert "${commit.subject}"`;

/** git's wording, including its form for a merge reverted against its first parent. */
function revertBody(commit: Commit): string {
  if (commit.parents.length > 1) {
    return `This reverts commit ${commit.sha}, reversing\nchanges made to ${commit.parents[0]}.`;
  }
  return `This reverts commit ${commit.sha}.`;
}

// A reason on one line can never break the message's shape: a blank line or a
// `---` line inside it would hide the trailer from `git interpret-trailers`.
const singleLine = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

const paragraphs = (...parts: (string | undefined)[]) => `${parts.filter(Boolean).join('\n\n')}\n`;
