// The one contract every check honours, built-in or plugin. The runner adds
// timing, timeouts and error containment around it, so a check only answers.

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';
export type Severity = 'blocking' | 'warning';
export type Action = 'deploy' | 'rollback';

export interface CheckOutcome {
  status: CheckStatus;
  summary: string;
  details?: string[];
  url?: string;
  /**
   * Machine data, never shown: the full shas of the commits a failing outcome blames (ci-status:
   * the commits CI is red on). A blocked gate reads it to suggest `shipit deploy --exclude`, so
   * nothing parses the summary, which is written for people.
   */
  culprits?: string[];
}

export interface Commit {
  sha: string;
  shortSha: string;
  subject: string;
  authorName: string;
  authorEmail: string;
  /** ISO 8601 author date. */
  date: string;
  parents: string[];
}

/** Read-only access to the repository at the commit under check. */
export interface GitReader {
  /** The commit the files are read from (the candidate, or the release commit). */
  readonly sha: string;
  /** The file's text at that commit, or null when it does not exist there. */
  readFile(path: string): Promise<string | null>;
  /** Several files in one git process; missing paths are absent from the map. */
  readFiles(paths: string[]): Promise<Map<string, string>>;
  /** Paths of every file at that commit, optionally filtered by glob patterns. */
  listFiles(patterns?: string[]): Promise<string[]>;
  /** Runs `git <args>` in the repository and returns its stdout. */
  run(args: string[]): Promise<string>;
}

export interface ExecOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Extra milliseconds cap on top of the check's own abort signal. */
  timeoutMs?: number;
}

export interface ExecResult {
  exitCode: number | undefined;
  /** stdout and stderr interleaved, as a person would have seen them. */
  output: string;
  timedOut: boolean;
}

export interface CheckContext {
  environment: string;
  action: Action;
  repoRoot: string;
  /** The commit going out: the branch tip, or the release commit when commits are excluded. */
  candidate: { sha: string; ref: string };
  /** What is live now, or null before the first recorded deploy. */
  production: { sha: string } | null;
  /** Commits going out, newest first, without the excluded ones. */
  batch: Commit[];
  /** Commits held back from this release (see `shipit deploy --exclude`). */
  excluded: Commit[];
  /** Aborted when the check times out or the user interrupts. */
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
  git: GitReader;
  exec(command: string | string[], options?: ExecOptions): Promise<ExecResult>;
  /** Reports progress of a long check (shown beside its spinner line). */
  progress(message: string): void;
}

/** A check as the runner sees it, whatever way it was declared. */
export interface Check {
  name: string;
  title?: string;
  /** What kind of check it is, for `shipit checks` (e.g. "command: runs a command…"). */
  kind?: string;
  timeoutMs: number;
  severity: Severity;
  on: Action[];
  run(ctx: CheckContext): Promise<CheckOutcome> | CheckOutcome;
  /**
   * Set for checks written in JS (inline in the config, or a plugin module): the
   * gate runs them in a worker thread that loads this config itself, so that a
   * busy loop, a stray rejection or `process.exit` ends only that worker.
   * `index` is the check's place in the config's `checks` (with `environment`: among that
   * environment's checks, combined with the shared ones).
   */
  isolate?: { configFile: string; index: number; environment?: string };
}

/** The result the gate keeps for each check. */
export interface CheckResult extends CheckOutcome {
  name: string;
  title?: string;
  severity: Severity;
  durationMs: number;
  /** Set when the user skipped the check with `--skip --reason`. */
  skipReason?: string;
}
