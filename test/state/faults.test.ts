import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { openStateStore, resolveStateRemote } from '../../src/state/store.js';
import { createLocalRepo, createWorld, type World } from '../helpers/git-world.js';
import { deployOf, ENV, originRef, shipitFailure, storeFor } from './helpers.js';

describe('state store faults', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });
  const world = async (): Promise<World> => {
    const created = await createWorld();
    cleanups.push(created.cleanup);
    return created;
  };

  it('a remote that refuses refs/shipit pushes: a clear error, and nothing written locally or remotely', async () => {
    const { origin, repo } = await world();
    const store = storeFor(repo);
    const first = await store.createRecord(deployOf(await repo.head()));
    const historyBefore = await originRef(origin, `refs/shipit/${ENV}/history`);

    const hook = join(origin, 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\necho "refs/shipit is read-only here" >&2\nexit 1\n');
    await chmod(hook, 0o755);

    const locking = await shipitFailure(store.acquireLock({ kind: 'deploy', reason: 'deploy #2' }));
    expect(locking.code).toBe('state-push-rejected');
    expect(locking.message).toBe(
      `the remote refused to update refs/shipit/${ENV}/lock: pre-receive hook declined (remote: refs/shipit is read-only here)`,
    );
    expect(locking.hint).toContain('refs/shipit/*');

    const recording = await shipitFailure(store.updateRecord(first.id, { status: 'success' }));
    expect(recording.code).toBe('state-push-rejected');

    expect(await originRef(origin, `refs/shipit/${ENV}/lock`)).toBeNull();
    expect(await originRef(origin, `refs/shipit/${ENV}/history`)).toBe(historyBefore);
    expect(await repo.git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/shipit/')).toBe(
      `refs/shipit/${ENV}/history ${historyBefore}`,
    );
    expect((await storeFor(repo).readRecord(first.id)).status).toBe('running');
  });

  it('an unreachable remote: a clear error naming the remote, without the credentials in its URL', async () => {
    const { repo } = await world();
    await repo.git('remote', 'set-url', 'origin', 'https://deployer:s3cret-token@127.0.0.1:9/nowhere.git');
    const error = await shipitFailure(storeFor(repo).readLock());
    expect(error.code).toBe('state-remote-failed');
    expect(error.message).toContain('could not fetch the deploy state (refs/shipit/*) with remote "origin"');
    expect(`${error.message} ${error.hint}`).not.toContain('s3cret-token');
  });

  it('with no remote the state lives in .git and the checkout stays clean', async () => {
    const local = await createLocalRepo();
    cleanups.push(local.cleanup);
    const { repo } = local;
    const store = storeFor(repo, { remote: null });
    await store.acquireLock({ kind: 'deploy', reason: 'deploy #1' });
    const record = await store.createRecord(deployOf(await repo.head()));
    await store.updateRecord(record.id, { status: 'success' }, { log: 'ok\n' });

    const other = storeFor(repo, { remote: null, user: 'dev2' });
    expect((await shipitFailure(other.acquireLock({ kind: 'deploy', reason: 'x' }))).code).toBe('locked');
    expect((await other.lastSuccessful())?.id).toBe(1);
    expect((await store.releaseLock()).released).toBe(true);
    expect(await repo.git('for-each-ref', '--format=%(refname)', 'refs/shipit/')).toBe(`refs/shipit/${ENV}/history`);
    expect(await repo.git('status', '--porcelain', '--ignored')).toBe('');
    expect(await repo.git('rev-parse', 'HEAD')).toBe(record.sha);
  });

  it('a hand-edited record that is not valid: a clear error naming the ref and the file', async () => {
    const { repo } = await world();
    const store = storeFor(repo);
    await store.createRecord(deployOf(await repo.head()));
    const ref = `refs/shipit/${ENV}/history`;
    // Edit by hand the way the README says: a new commit on the history ref with a changed file.
    const git = async (args: string[], input?: string) => (await execa('git', args, { cwd: repo.dir, input })).stdout;
    const blobSha = await git(['hash-object', '-w', '--stdin'], '{"id": 1, "status": "done"}\n');
    const subtree = await git(['mktree'], `100644 blob ${blobSha}\t000001.json\n`);
    const root = await git(['mktree'], `040000 tree ${subtree}\tdeploys\n`);
    const commit = await repo.git('commit-tree', root, '-p', ref, '-m', 'hand edit');
    await repo.git('push', '-q', 'origin', `${commit}:${ref}`);

    const error = await shipitFailure(storeFor(repo).listRecords());
    expect(error.code).toBe('state-corrupt');
    expect(error.message).toBe(
      `${ref}: deploys/000001.json is not a valid deploy record: action: Invalid option: expected one of "deploy"|"rollback"|"adopt"`,
    );
    expect((await shipitFailure(storeFor(repo).lastSuccessful())).code).toBe('state-corrupt');
  });

  it('keeps the state in the configured remote, in .git when there is no remote, and refuses a missing one', async () => {
    const { repo } = await world();
    expect(await resolveStateRemote(repo.dir)).toBe('origin');
    const error = await shipitFailure(resolveStateRemote(repo.dir, 'upstream'));
    expect(error.code).toBe('unknown-remote');
    expect(error.message).toBe('the state remote "upstream" does not exist in this repository (it has origin)');

    const local = await createLocalRepo();
    cleanups.push(local.cleanup);
    expect(await resolveStateRemote(local.repo.dir, 'upstream')).toBeNull();
  });

  it('refuses an environment name that cannot be part of a ref', async () => {
    for (const environment of ['prod/eu', '../x', 'a..b', 'x.lock', '', '-p', 'a b']) {
      expect(() => openStateStore({ cwd: '.', remote: null, environment })).toThrow(
        `${JSON.stringify(environment)} is not a valid environment name`,
      );
    }
    expect(() => openStateStore({ cwd: '.', remote: null, environment: 'eu-west.staging_2' })).not.toThrow();
  });
});
