import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { afterEach, beforeEach } from 'vitest';
import { isShipitError, type ShipitError } from '../../src/errors.js';
import { type NewRecord, openStateStore, type StateStore } from '../../src/state/store.js';
import { createWorld, type Repo, type World } from '../helpers/git-world.js';

const CHILD = fileURLToPath(new URL('./fixtures/state-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const ENV = 'production';

export function storeFor(repo: Repo, options: { user?: string; remote?: string | null } = {}): StateStore {
  return openStateStore({
    cwd: repo.dir,
    remote: options.remote === undefined ? 'origin' : options.remote,
    environment: ENV,
    user: options.user ?? 'dev1',
  });
}

export function deployOf(sha: string, previousSha: string | null = null): NewRecord {
  return { action: 'deploy', sha, candidate: sha, ref: 'main', previousSha };
}

/** Another shipit process (tsx through node) running one task from fixtures/state-child.ts. */
export function spawnStateChild(task: object, ...extra: string[]): ResultPromise {
  return execa(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(task), ...extra], {
    cwd: ROOT,
    reject: false,
  });
}

/** Resolves with the child's first JSON line on stdout. */
export function firstMessage(child: ResultPromise): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(buffer.slice(0, newline)));
    });
    child.then((result) => reject(new Error(`child exited before saying anything: ${result.stderr}`)), reject);
  });
}

/** The sha of a ref in the bare origin, or null. */
export async function originRef(origin: string, ref: string): Promise<string | null> {
  const result = await execa('git', ['rev-parse', '--verify', '--quiet', ref], { cwd: origin, reject: false });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** A bare origin and two clones of it, made before each test and removed after. */
export function twoClones(): { world: World; a: Repo; b: Repo } {
  const clones = {} as { world: World; a: Repo; b: Repo };
  beforeEach(async () => {
    clones.world = await createWorld();
    clones.a = clones.world.repo;
    clones.b = await clones.world.clone('b');
  });
  afterEach(() => clones.world.cleanup());
  return clones;
}

/** The ShipitError a promise rejects with; anything else fails the test. */
export async function shipitFailure(promise: Promise<unknown>): Promise<ShipitError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!isShipitError(error)) throw new Error(`expected a ShipitError, got ${String(error)}`);
  return error;
}
