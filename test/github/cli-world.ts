import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { createWorld, type World } from '../helpers/git-world.js';
import { type GitHubServer, startGitHubServer } from '../helpers/github-server/index.js';

// The real CLI against the fake GitHub: a pushed repository, a JSON config naming the
// fake server, and `shipit check --json` as a user (or a CI job) would run it.

export interface CheckReport {
  exitCode: number;
  status: string;
  summary: string;
  details: string[];
  stderr: string;
}

export interface GateWorld {
  world: World;
  github: GitHubServer;
  /** A commit pushed to origin/main; returns its sha. */
  push(subject: string, author?: string): Promise<string>;
  /** A recorded deploy of origin/main without checks, so the next batch is what comes after it. */
  deploy(): Promise<void>;
  /** `shipit check --json` with these checks only; the result of the first. */
  check(checks: Record<string, unknown>[], env?: Record<string, string | undefined>): Promise<CheckReport>;
  /** One `shipit check --json` run with several checks (several settings on one commit); results by name. */
  checkEach(
    checks: Record<string, unknown>[],
    env?: Record<string, string | undefined>,
  ): Promise<Record<string, CheckReport>>;
  cleanup(): Promise<void>;
}

export async function createGateWorld(): Promise<GateWorld> {
  const world = await createWorld();
  const github = await startGitHubServer();
  const configFile = join(world.root, 'shipit.config.json');
  const shipit = async (
    args: string[],
    config: Record<string, unknown>,
    env: Record<string, string | undefined> = {},
  ) => {
    await writeFile(
      configFile,
      JSON.stringify({ github: { repository: github.repository, baseUrl: github.url }, ...config }),
    );
    return runCli(['--config', configFile, ...args], {
      cwd: world.repo.dir,
      // Nothing of a real Actions job leaks in unless a test sets it.
      env: { GITHUB_TOKEN: github.token, GH_TOKEN: undefined, GITHUB_RUN_ID: undefined, ...env },
    });
  };
  const checkEach: GateWorld['checkEach'] = async (checks, env = {}) => {
    const result = await shipit(['check', '--json'], { checks }, env);
    let report: { checks?: { name: string; status: string; summary: string; details?: string[] }[] } = {};
    try {
      report = JSON.parse(result.stdout);
    } catch {
      throw new Error(`shipit check printed no JSON (exit ${result.exitCode}): ${result.stderr}`);
    }
    const byName: Record<string, CheckReport> = {};
    for (const check of report.checks ?? []) {
      byName[check.name] = {
        exitCode: result.exitCode,
        status: check.status,
        summary: check.summary,
        details: check.details ?? [],
        stderr: result.stderr,
      };
    }
    return byName;
  };
  return {
    world,
    github,
    async push(subject, author = 'dev1') {
      const sha = await world.repo.commit(subject, { author });
      await world.repo.push();
      await world.repo.git('fetch', '-q', 'origin');
      return sha;
    },
    async deploy() {
      const result = await shipit(['deploy', '--yes'], { checks: [], deploy: { run: 'true' } });
      if (result.exitCode !== 0) throw new Error(`shipit deploy failed: ${result.stderr}`);
    },
    async check(checks, env = {}) {
      const results = await checkEach(checks, env);
      return results[String(checks[0]?.name)] as CheckReport;
    },
    checkEach,
    async cleanup() {
      await github.close();
      await world.cleanup();
    },
  };
}
