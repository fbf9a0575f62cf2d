import type { BuiltinSetup, CheckRun } from '../../src/checks/define.js';
import type { BuiltinType } from '../../src/checks/registry.js';
import type { BuiltinEntry } from '../../src/config/entries.js';
import { resolveChecks } from '../../src/config/resolve-checks.js';
import type { Check, CheckContext } from '../../src/gate/contract.js';

/** A check's settings as a config names them, without the `type`. */
export type BuiltinOptions<Type extends BuiltinType> = Omit<Extract<BuiltinEntry, { type: Type }>, 'type'>;

const noSetup: BuiltinSetup = { github: undefined, remote: 'origin' };

/**
 * A built-in check made from config input exactly the way loading a config makes it:
 * through the registry, its schema extended with the common settings (name, timeout,
 * severity, on). A bad setting rejects with the config error a user would see.
 */
export async function builtinCheck<Type extends BuiltinType>(
  type: Type,
  options: BuiltinOptions<Type>,
  setup: BuiltinSetup = noSetup,
): Promise<Check> {
  const [check] = await resolveChecks([{ ...options, type }], {
    configDir: process.cwd(),
    label: 'test config',
    setup,
  });
  return check as Check;
}

/** The run of `builtinCheck(type, options)`, callable at once: `await builtinRun('http', { url })(ctx)`. */
export function builtinRun<Type extends BuiltinType>(
  type: Type,
  options: BuiltinOptions<Type>,
  setup: BuiltinSetup = noSetup,
): CheckRun {
  const check = builtinCheck(type, options, setup);
  return async (ctx) => (await check).run(ctx);
}

export interface FakeCheckContext extends CheckContext {
  /** What the check reported through `progress()`, in order. */
  progressMessages: string[];
}

const unused = (what: string) => () => {
  throw new Error(`${what} is not used by this test: pass it to fakeCheckContext`);
};

/**
 * The context the runner gives a check, for a deploy to production of an empty batch;
 * `overrides` set what the test is about. `git` and `exec` throw unless given
 * (e.g. `git: createGitReader(repo.dir, sha)`), so a test states what the check reads.
 */
export function fakeCheckContext(overrides: Partial<CheckContext> = {}): FakeCheckContext {
  const progressMessages: string[] = [];
  const sha = overrides.candidate?.sha ?? overrides.batch?.[0]?.sha ?? '0'.repeat(40);
  return {
    environment: 'production',
    action: 'deploy',
    repoRoot: process.cwd(),
    candidate: { sha, ref: 'main' },
    production: null,
    batch: [],
    excluded: [],
    signal: AbortSignal.timeout(60_000),
    env: {},
    git: {
      sha,
      readFile: unused('git.readFile'),
      readFiles: unused('git.readFiles'),
      listFiles: unused('git.listFiles'),
      run: unused('git.run'),
    },
    exec: unused('exec'),
    progress: (message) => progressMessages.push(message),
    ...overrides,
    progressMessages,
  };
}
