import { ShipitError } from '../errors.js';

// Every error the state store can raise, in one place, each with a stable code
// and a hint a person can act on.

export function badEnvironmentError(problem: string): ShipitError {
  return new ShipitError('bad-environment', problem, {
    hint: 'pass a valid name with --env, or fix `environment` in the config',
  });
}

export function statePushRejectedError(ref: string, reason: string): ShipitError {
  return new ShipitError('state-push-rejected', `the remote refused to update ${ref}: ${reason}`, {
    hint: 'let the remote accept pushes to refs/shipit/* (server hooks, ref protection rules), or set `remote` in the config to one that does',
  });
}

export function stateRemoteError(remote: string, operation: 'fetch' | 'push', detail: string): ShipitError {
  return new ShipitError(
    'state-remote-failed',
    `could not ${operation} the deploy state (refs/shipit/*) with remote "${remote}": ${detail}`,
    {
      hint: `check that \`git ${operation} ${remote}\` works from this checkout (network, credentials), then retry`,
    },
  );
}

export function stateConflictError(ref: string, attempts: number): ShipitError {
  return new ShipitError('state-conflict', `${ref} kept changing under us: gave up after ${attempts} attempts`, {
    hint: 'someone else is writing the deploy state right now; retry in a moment',
  });
}

export function corruptRecordError(ref: string, path: string, problem: string): ShipitError {
  return new ShipitError('state-corrupt', `${ref}: ${path} is not a valid deploy record: ${problem}`, {
    hint: 'repair or remove that file in a new commit on the history ref (see "Inspecting and repairing the state by hand" in docs/state.md)',
  });
}

export function recordNotFoundError(environment: string, id: number): ShipitError {
  return new ShipitError('record-not-found', `${environment} has no deploy #${id}`, {
    hint: 'see the recorded deploys with `shipit history`',
  });
}

export function lockNotYoursError(message: string, hint: string): ShipitError {
  return new ShipitError('lock-not-yours', message, { hint });
}

export function lockLostError(environment: string): ShipitError {
  return new ShipitError(
    'lock-lost',
    `the ${environment} lock was released by someone else while this command held it`,
    {
      hint: 'check `shipit status` to see who holds it now before deploying again',
    },
  );
}

export function unknownRemoteError(remote: string, remotes: string[]): ShipitError {
  return new ShipitError(
    'unknown-remote',
    `the state remote "${remote}" does not exist in this repository (it has ${remotes.join(', ')})`,
    {
      hint: `set \`remote\` in the config to one of: ${remotes.join(', ')}`,
    },
  );
}

interface UnrecordedOutcome {
  environment: string;
  id: number;
  action: 'deploy' | 'rollback';
  patch: { status?: string; message?: string };
}

/** What ran, in words: the one thing a person needs when the record could not say it. */
function whatRan(outcome: UnrecordedOutcome): string {
  const verdict =
    outcome.patch.status === 'success'
      ? 'succeeded'
      : outcome.patch.status === 'aborted'
        ? 'was interrupted'
        : 'failed';
  const detail = outcome.patch.message ? ` (${outcome.patch.message})` : '';
  return `${outcome.action} #${outcome.id} ${verdict}${detail}`;
}

export function outcomeNotRecordedError(outcome: UnrecordedOutcome, cause: unknown): ShipitError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new ShipitError(
    'outcome-not-recorded',
    `${whatRan(outcome)}, but its outcome could not be written to the ${outcome.environment} history: ${why}`,
    {
      hint: 'it is kept on this machine and written by the next shipit command that reaches the remote; run `shipit repair` once the remote accepts pushes again',
      cause,
    },
  );
}

export function pendingOutcomeError(
  environment: string,
  outcome: Omit<UnrecordedOutcome, 'environment'>,
  path: string,
): ShipitError {
  return new ShipitError(
    'outcome-pending',
    `${whatRan({ ...outcome, environment })}, but that is not in the ${environment} history yet (kept in ${path})`,
    {
      hint: 'run `shipit repair` to write it once the remote accepts pushes again; nothing was deployed',
    },
  );
}
