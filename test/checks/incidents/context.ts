import type { z } from 'zod';
import type { BuiltinCheck, CheckRun } from '../../../src/checks/define.js';
import type { CheckContext } from '../../../src/gate/contract.js';

const unused = (what: string) => () => {
  throw new Error(`${what} is not used by the incident checks`);
};

/** The context the runner gives a check, with what the network checks read: env, signal, progress. */
export function incidentContext(options: { env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}): CheckContext & {
  progressMessages: string[];
} {
  const progressMessages: string[] = [];
  return {
    environment: 'production',
    action: 'deploy',
    repoRoot: process.cwd(),
    candidate: { sha: '0'.repeat(40), ref: 'main' },
    production: null,
    batch: [],
    excluded: [],
    signal: options.signal ?? AbortSignal.timeout(10_000),
    env: options.env ?? {},
    git: {
      sha: '0'.repeat(40),
      readFile: unused('git.readFile'),
      readFiles: unused('git.readFiles'),
      listFiles: unused('git.listFiles'),
      run: unused('git.run'),
    },
    exec: unused('exec'),
    progress: (message) => progressMessages.push(message),
    progressMessages,
  };
}

/** A built-in check made from config input the way the registry does: parsed by its schema first. */
export function buildCheck<Schema extends z.ZodObject>(
  builtin: BuiltinCheck<Schema>,
  input: z.input<Schema>,
): CheckRun {
  return builtin.create(builtin.schema.parse(input), { github: undefined, remote: 'origin' });
}
