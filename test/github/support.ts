import { randomBytes } from 'node:crypto';
import type { BuiltinSetup } from '../../src/checks/define.js';
import type { CheckContext, CheckOutcome, Commit } from '../../src/gate/contract.js';
import { createGitReader } from '../../src/git/reader.js';
import { type BuiltinOptions, builtinRun, type FakeCheckContext, fakeCheckContext } from '../helpers/check-builders.js';
import type { GitHubServer } from '../helpers/github-server/index.js';

export const setup: BuiltinSetup = { github: undefined, remote: 'origin' };

/** The env a CI job would have: the fake GitHub's URL, its token and repository; nothing from this machine. */
export function githubEnv(server: GitHubServer, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    GITHUB_API_URL: server.url,
    GITHUB_TOKEN: server.token,
    GITHUB_REPOSITORY: server.repository,
    ...extra,
  };
}

let counter = 0;

/** A commit that exists only on the fake GitHub: a fresh random sha per call. */
export function fakeCommit(subject = `change ${++counter}`, authorName = 'dev1'): Commit {
  const sha = randomBytes(20).toString('hex');
  return {
    sha,
    shortSha: sha.slice(0, 7),
    subject,
    authorName,
    authorEmail: `${authorName}@example.com`,
    date: new Date().toISOString(),
    parents: [],
  };
}

/** A check's context for a deploy of `batch`, with a real git reader at its newest commit. */
export function checkContext(options: {
  batch: Commit[];
  env: NodeJS.ProcessEnv;
  repoRoot?: string;
  signal?: AbortSignal;
}): FakeCheckContext {
  const repoRoot = options.repoRoot ?? process.cwd();
  const head = options.batch[0]?.sha ?? 'HEAD';
  return fakeCheckContext({
    repoRoot,
    candidate: { sha: head, ref: 'main' },
    batch: options.batch,
    env: options.env,
    git: createGitReader(repoRoot, head),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** Makes the check the way config loading does and runs it once. */
export async function runCheck<Type extends 'ci-status' | 'pull-requests'>(
  type: Type,
  settings: BuiltinOptions<Type>,
  ctx: CheckContext,
  checkSetup: BuiltinSetup = setup,
): Promise<CheckOutcome> {
  return builtinRun(type, settings, checkSetup)(ctx);
}

/** Everything a user could see from an outcome, as one string. */
export const visible = (outcome: CheckOutcome) =>
  [outcome.summary, ...(outcome.details ?? []), outcome.url ?? ''].join('\n');
