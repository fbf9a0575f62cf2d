import { describe, expect, it } from 'vitest';
import { liveAndLedger } from '../../src/state/live-release.js';
import type { DeployAction, DeployRecord, DeployStatus } from '../../src/state/record.js';

function record(id: number, action: DeployAction, status: DeployStatus): DeployRecord {
  return {
    id,
    action,
    status,
    environment: 'production',
    sha: `${id}`.padStart(40, '0'),
    candidate: `${id}`.padStart(40, '0'),
    ref: 'main',
    previousSha: null,
    excluded: [],
    user: 'dev1',
    host: 'laptop',
    startedAt: '2026-11-30T10:00:00.000Z',
  };
}

describe('liveAndLedger', () => {
  it('reads the live release and the last live deploy from records newest first', () => {
    const records = [
      record(4, 'deploy', 'failure'),
      record(3, 'rollback', 'success'),
      record(2, 'deploy', 'faulty'),
      record(1, 'deploy', 'success'),
    ];
    const { live, ledger } = liveAndLedger(records);
    expect(live?.id).toBe(3);
    expect(ledger?.id).toBe(1);
  });

  it('counts a release in its verification window as live', () => {
    const { live, ledger } = liveAndLedger([record(2, 'deploy', 'verifying'), record(1, 'deploy', 'success')]);
    expect(live?.id).toBe(2);
    expect(ledger?.id).toBe(2);
  });

  it('finds neither in a history where nothing went live', () => {
    expect(liveAndLedger([record(1, 'deploy', 'aborted')])).toEqual({ live: null, ledger: null });
    expect(liveAndLedger([])).toEqual({ live: null, ledger: null });
  });
});
