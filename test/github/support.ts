import { randomBytes } from 'node:crypto';
import type { BuiltinCheck, BuiltinSetup } from '../../src/checks/define.js';
import type { CheckContext, CheckOutcome, Commit } from '../../src/gate/contract.js';
import { createGitReader } from '../../src/git/reader.js';
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

export interface TestContext extends CheckContext {
  progressLog: string[];
}

export function checkContext(options: {
  batch: Commit[];
  env: NodeJS.ProcessEnv;
  repoRoot?: string;
  signal?: AbortSignal;
}): TestContext {
  const repoRoot = options.repoRoot ?? process.cwd();
  const progressLog: string[] = [];
  const head = options.batch[0]?.sha ?? 'HEAD';
  return {
    environment: 'production',
    action: 'deploy',
    repoRoot,
    candidate: { sha: head, ref: 'main' },
    production: null,
    batch: options.batch,
    excluded: [],
    signal: options.signal ?? AbortSignal.timeout(60_000),
    env: options.env,
    git: createGitReader(repoRoot, head),
    exec: () => Promise.reject(new Error('exec is not used by GitHub checks')),
    progress: (message) => progressLog.push(message),
    progressLog,
  };
}

/** Parses settings with the check's own schema and runs it once. */
export async function runCheck<S extends BuiltinCheck>(
  check: S,
  settings: Record<string, unknown>,
  ctx: CheckContext,
  checkSetup: BuiltinSetup = setup,
): Promise<CheckOutcome> {
  return check.create(check.schema.parse(settings), checkSetup)(ctx);
}

/** Everything a user could see from an outcome, as one string. */
export const visible = (outcome: CheckOutcome) =>
  [outcome.summary, ...(outcome.details ?? []), outcome.url ?? ''].join('\n');
