import type { CheckOutcome } from '../../../src/gate/contract.js';
import { createGitReader } from '../../../src/git/reader.js';
import { type BuiltinOptions, builtinRun, fakeCheckContext } from '../../helpers/check-builders.js';
import type { Repo } from '../../helpers/git-world.js';

export interface RunOptions {
  /** The commit checked; the repository's HEAD when omitted. */
  candidate?: string;
  production?: string | null;
  signal?: AbortSignal;
}

/** Parses `settings` the way config loading does and runs the check on `repo`, its git reader at the candidate. */
export async function checkTranslations(
  repo: Repo,
  settings: BuiltinOptions<'translations'>,
  options: RunOptions = {},
): Promise<CheckOutcome> {
  const candidate = options.candidate ?? (await repo.head());
  const ctx = fakeCheckContext({
    repoRoot: repo.dir,
    candidate: { sha: candidate, ref: 'main' },
    production: options.production ? { sha: options.production } : null,
    signal: options.signal ?? AbortSignal.timeout(20_000),
    git: createGitReader(repo.dir, candidate),
  });
  return builtinRun('translations', settings)(ctx);
}

export const yaml = (lines: string[]) => `${lines.join('\n')}\n`;
export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
