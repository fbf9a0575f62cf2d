import type { z } from 'zod';
import { translationsCheck } from '../../../src/checks/translations.js';
import type { CheckContext, CheckOutcome } from '../../../src/gate/contract.js';
import { createGitReader } from '../../../src/git/reader.js';
import type { Repo } from '../../helpers/git-world.js';

type Settings = z.input<typeof translationsCheck.schema>;

export interface RunOptions {
  /** The commit checked; the repository's HEAD when omitted. */
  candidate?: string;
  production?: string | null;
  signal?: AbortSignal;
}

/** The context the runner gives the check: a real git reader at the candidate commit. */
export function translationsContext(repoDir: string, candidate: string, options: RunOptions = {}): CheckContext {
  return {
    environment: 'production',
    action: 'deploy',
    repoRoot: repoDir,
    candidate: { sha: candidate, ref: 'main' },
    production: options.production ? { sha: options.production } : null,
    batch: [],
    excluded: [],
    signal: options.signal ?? AbortSignal.timeout(20_000),
    env: {},
    git: createGitReader(repoDir, candidate),
    exec: () => {
      throw new Error('the translations check runs no command');
    },
    progress: () => {},
  };
}

/** Parses `settings` with the check's schema, as the registry does, and runs it on `repo`. */
export async function checkTranslations(
  repo: Repo,
  settings: Settings,
  options: RunOptions = {},
): Promise<CheckOutcome> {
  const run = translationsCheck.create(translationsCheck.schema.parse(settings), {
    github: undefined,
    remote: 'origin',
  });
  const candidate = options.candidate ?? (await repo.head());
  return run(translationsContext(repo.dir, candidate, options));
}

export const yaml = (lines: string[]) => `${lines.join('\n')}\n`;
export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
