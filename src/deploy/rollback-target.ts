import { ShipitError } from '../errors.js';
import { resolveCommit } from '../git/repo.js';
import type { DeployStatus } from '../state/record.js';
import type { DeployRecord } from '../state/store.js';
import { shortSha } from '../text/sha.js';

export interface RollbackTarget {
  sha: string;
  /** The successful deploy that shipped it; null for a commit never deployed (needs --force). */
  record: DeployRecord | null;
}

/** What may be running: the newest of these is the current release (a faulty one runs until replaced). */
const RUNNING_RELEASE = new Set<DeployStatus>(['success', 'verifying', 'faulty']);

/**
 * Where a rollback goes: by default the release that was live before the current
 * one and whose deploy succeeded; with --to, a deploy id or a sha.
 */
export async function findRollbackTarget(
  repoRoot: string,
  records: DeployRecord[],
  options: { to?: string; force?: boolean; environment: string },
): Promise<{ current: DeployRecord; target: RollbackTarget }> {
  // A faulty release is never a target, but it is what runs until something replaces it.
  const successful = records.filter((record) => record.status === 'success');
  const current = records.find((record) => RUNNING_RELEASE.has(record.status));
  if (!current) {
    throw new ShipitError(
      'nothing-to-roll-back',
      `no successful deploy of ${options.environment} is recorded: there is nothing to roll back to`,
      {
        hint: '`shipit history` shows what was recorded',
      },
    );
  }
  if (!options.to) {
    const previous = successful.find((record) => record.id < current.id && record.sha !== current.sha);
    if (!previous) {
      throw new ShipitError(
        'nothing-to-roll-back',
        `${options.environment} has had only one release (${shortSha(current.sha)}): nothing earlier to roll back to`,
        {
          hint: 'name a commit with --to <sha> --force to roll back to something never deployed',
        },
      );
    }
    return { current, target: { sha: previous.sha, record: previous } };
  }

  const to = options.to.trim();
  const id = /^#?(\d{1,6})$/.exec(to)?.[1];
  if (id !== undefined) {
    const record = records.find((candidate) => candidate.id === Number(id));
    if (!record)
      throw new ShipitError(
        'rollback-unknown-target',
        `--to ${to}: no deploy #${id} in the history of ${options.environment}`,
        { hint: '`shipit history` lists the deploy ids' },
      );
    if (record.status === 'faulty') throw faultyTargetError(to, `deploy #${id}`);
    if (record.status !== 'success') {
      throw new ShipitError(
        'rollback-unknown-target',
        `--to ${to}: deploy #${id} did not succeed (${record.status}): it was never live`,
        {
          hint: 'pick a successful deploy from `shipit history`',
        },
      );
    }
    return { current, target: { sha: record.sha, record } };
  }
  const sha = /^[0-9a-f]{7,64}$/i.test(to) ? await resolveCommit(repoRoot, to) : null;
  if (!sha) {
    throw new ShipitError('rollback-unknown-target', `--to ${to}: not a deploy id or a commit of this repository`, {
      hint: 'give a deploy id from `shipit history` or a sha (7+ hex characters); `git fetch` if it is new here',
    });
  }
  const record = successful.find((candidate) => candidate.sha === sha || candidate.candidate === sha) ?? null;
  const faulty = records.some((candidate) => candidate.status === 'faulty' && candidate.sha === sha);
  if (!record && faulty) throw faultyTargetError(to, shortSha(sha));
  if (!record && !options.force) {
    throw new ShipitError(
      'rollback-never-deployed',
      `--to ${to}: ${shortSha(sha)} was never deployed to ${options.environment}`,
      {
        hint: 'add --force to roll back to it anyway',
      },
    );
  }
  if (sha === current.sha) {
    throw new ShipitError(
      'rollback-is-current',
      `--to ${to}: ${shortSha(sha)} is what ${options.environment} runs now`,
      {
        hint: 'pick an earlier release from `shipit history`',
      },
    );
  }
  return { current, target: { sha: record?.sha ?? sha, record } };
}

function faultyTargetError(to: string, what: string): ShipitError {
  return new ShipitError(
    'rollback-faulty-target',
    `--to ${to}: ${what} failed its verification (faulty): never a rollback target`,
    {
      hint: 'pick a successful deploy from `shipit history`',
    },
  );
}
