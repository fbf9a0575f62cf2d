// Every error code a user can meet, as data: its exit code, what it means (the
// line docs/errors.md shows, checked by test/errors/catalogue.test.ts) and, when
// every place that raises it says the same thing, the hint. `ShipitError` takes
// only these codes, so a typo in a code fails the type check.

export const ExitCode = {
  ok: 0,
  blocked: 1,
  usage: 2,
  failed: 3,
  locked: 4,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface ErrorEntry {
  exit: ExitCodeValue;
  means: string;
  /** The hint when the place that raises the error gives none. */
  hint?: string;
}

const { blocked, usage, failed, locked, interrupted } = ExitCode;

export const catalogue = {
  // The config and the command line
  'config-not-found': { exit: usage, means: 'no config file was found, or `--config` names a missing file' },
  'config-unreadable': { exit: usage, means: 'the config file could not be loaded (syntax error, failing import)' },
  'config-invalid': { exit: usage, means: 'the config does not validate: one line per problem, naming the key' },
  'config-exists': { exit: usage, means: '`shipit init` found a config already and does not overwrite it' },
  'bad-duration': { exit: usage, means: '`--lock-wait` is not a duration like "30s" or "5m"' },
  'bad-limit': { exit: usage, means: '`--limit` is not a whole number above 0' },
  'bad-environment': { exit: usage, means: 'the environment name cannot be used in a git ref' },
  'unknown-environment': {
    exit: usage,
    means: '`--env` (or `environment`) names an environment the config does not define',
  },
  'environment-required': {
    exit: usage,
    means: 'the config defines several environments, none named production, and no `--env` or `environment` picks one',
  },
  'promote-refused': {
    exit: usage,
    means:
      '`deploy --from` cannot promote: the source was never deployed, its last deploy failed, it has not soaked, or --from is combined with --ref, --exclude or --include',
  },
  'unknown-check': { exit: usage, means: '`--only` or `--skip` names a check that is not configured' },
  'skip-needs-reason': { exit: usage, means: '`--skip` was given without `--reason`' },
  'skip-all': { exit: usage, means: '`--skip` would skip every check of the gate' },
  'no-checks': { exit: usage, means: 'no configured check guards this command, so the gate has nothing to look at' },
  'force-needs-reason': { exit: usage, means: '`deploy --force` was given without `--reason`' },
  'lock-needs-reason': { exit: usage, means: '`shipit lock` was given without `--reason`' },
  'no-deploy-script': { exit: usage, means: 'no `deploy.run` (or `rollback.run`) is configured' },

  // The repository and what is being deployed
  'git-missing': {
    exit: usage,
    means: 'git is not installed or not on PATH',
    hint: 'install git (>= 2.38) and try again',
  },
  'git-too-old': { exit: failed, means: 'building a release with excluded commits needs a newer git' },
  'not-a-repository': { exit: usage, means: 'shipit was run outside a git repository' },
  'unknown-remote': { exit: usage, means: 'the configured `remote` does not exist in this repository' },
  'fetch-failed': { exit: failed, means: 'the branch could not be fetched from the remote' },
  'ref-not-found': { exit: usage, means: '`--ref` names no commit, branch or tag' },
  'branch-not-found': { exit: usage, means: 'the configured branch does not exist (on the remote)' },
  'production-missing': { exit: usage, means: 'the commit production runs is not in this clone (a shallow clone)' },
  'deploy-outdated': { exit: usage, means: 'the candidate is older than what runs: going back is a rollback' },

  // The gate and the lock
  'gate-blocked': { exit: blocked, means: 'the gate blocked the deploy after it waited for the lock' },
  locked: { exit: locked, means: 'the environment is locked by someone else, or the lock is stale' },
  'lock-not-yours': { exit: locked, means: '`shipit unlock` without `--force` on a lock someone else holds' },
  'lock-lost': { exit: locked, means: 'someone else released the lock while this command held it' },
  'script-still-running': { exit: locked, means: '`unlock --force` refused: the script that took the lock still runs' },
  interrupted: { exit: interrupted, means: 'Ctrl-C or SIGTERM stopped the command' },

  // Excluding commits (`deploy --exclude`, `--include`)
  'exclude-not-a-commit': { exit: usage, means: '`--exclude` names neither a sha nor a pull request (#123)' },
  'exclude-sha-too-short': { exit: usage, means: '`--exclude` gives a sha shorter than 7 characters' },
  'exclude-unknown': { exit: usage, means: '`--exclude` names a commit this repository does not have' },
  'exclude-ambiguous': { exit: usage, means: '`--exclude` gives a short sha that matches several commits' },
  'exclude-duplicate': { exit: usage, means: '`--exclude` names the same commit twice' },
  'exclude-in-production': { exit: usage, means: '`--exclude` names a commit that is already in production' },
  'exclude-not-on-branch': { exit: usage, means: '`--exclude` names a commit that is not on the branch deployed' },
  'exclude-not-in-batch': { exit: usage, means: '`--exclude` names a commit outside the batch going out' },
  'exclude-pr-not-in-batch': { exit: usage, means: '`--exclude #N`: no commit of that pull request is in the batch' },
  'exclude-everything': { exit: usage, means: 'every commit of the batch is excluded: nothing is left to deploy' },
  'exclude-conflict': { exit: usage, means: 'taking the excluded commits out conflicts with later commits' },
  'include-unknown': { exit: usage, means: '`--include` names a commit that is not a standing exclusion' },
  'release-ref-invalid': { exit: usage, means: '`release.ref` is not a ref shipit may force-push' },
  'release-ref-rejected': { exit: usage, means: 'the remote refused the push of the release commit' },

  // Rollback and the history
  'nothing-to-roll-back': { exit: usage, means: 'no earlier successful deploy is recorded to roll back to' },
  'rollback-unknown-target': { exit: usage, means: '`rollback --to` names no successful deploy and no commit' },
  'rollback-never-deployed': { exit: usage, means: '`rollback --to` names a commit never deployed (needs `--force`)' },
  'rollback-is-current': { exit: usage, means: '`rollback --to` names what the environment runs now' },
  'rollback-faulty-target': { exit: usage, means: '`rollback --to` names a release that failed its verification' },
  'no-verification': { exit: usage, means: '`shipit verify` needs `deploy.verify` in the config' },
  'nothing-to-verify': { exit: usage, means: '`shipit verify` found no live release to verify' },
  'record-not-found': { exit: usage, means: 'the environment has no deploy with that id' },

  // Lifecycle hooks (docs/hooks.md)
  'hook-failed': {
    exit: failed,
    means: 'a `beforeDeploy` hook failed, timed out or threw: the deploy script did not run',
    hint: "the hook's output is above; fix it, or remove it from `hooks.beforeDeploy` (docs/hooks.md)",
  },
  // Adopt (docs/adopt.md)
  'adopt-unknown-commit': { exit: usage, means: '`shipit adopt` names no commit of this repository' },
  'adopt-not-on-branch': { exit: usage, means: '`shipit adopt` names a commit that is not on the deployed branch' },
  'adopt-has-history': { exit: usage, means: '`shipit adopt` on an environment with a live release (needs `--force`)' },

  // The shared state (refs/shipit/* on the remote)
  'state-push-rejected': { exit: failed, means: 'the remote refuses pushes to refs/shipit/*' },
  'state-remote-failed': { exit: failed, means: 'the deploy state could not be fetched from or pushed to the remote' },
  'state-conflict': { exit: failed, means: 'the deploy state kept changing under shipit; it gave up retrying' },
  'state-corrupt': { exit: failed, means: 'a deploy record in the history ref is not valid' },
  'outcome-not-recorded': { exit: failed, means: 'the deploy ran but its outcome could not be written to the history' },
  'outcome-pending': { exit: failed, means: 'an earlier outcome is still not in the history: `shipit repair` first' },

  // GitHub
  'github-no-token': { exit: usage, means: 'no GitHub token in GITHUB_TOKEN, GH_TOKEN or `gh auth token`' },
  'github-base-url-invalid': { exit: usage, means: '`github.baseUrl` is not an http(s) URL' },
  'github-repository-invalid': { exit: usage, means: 'the GitHub repository is not written "owner/repo"' },
  'github-repository-unknown': {
    exit: usage,
    means: 'the GitHub repository cannot be told from the git remote',
    hint: 'set github.repository: "owner/repo" in the config, or GITHUB_REPOSITORY',
  },
  'github-repository-not-found': { exit: failed, means: 'GitHub has no such repository, or the token cannot read it' },
  'github-not-found': { exit: failed, means: 'GitHub has no such object (a deployment), or the token cannot read it' },
  'github-token-rejected': { exit: failed, means: 'GitHub rejected the token (401)' },
  'github-forbidden': { exit: failed, means: 'GitHub refused the request (403): the token lacks a permission' },
  'github-rate-limited': { exit: failed, means: 'the GitHub API rate limit is exhausted' },
  'github-timeout': { exit: failed, means: 'the GitHub API did not answer within `github.requestTimeout`' },
  'github-unreachable': { exit: failed, means: 'the GitHub API could not be reached' },
  'github-server-error': { exit: failed, means: 'the GitHub API failed with a 5xx answer after retries' },
  'github-error': { exit: failed, means: 'any other error from the GitHub API' },

  // `shipit auto` and `shipit stats`
  'auto-once-and-interval': { exit: usage, means: '`shipit auto` was given both `--once` and `--interval`' },
  'bad-interval': { exit: usage, means: '`auto --interval` is not a duration of 1s or more' },
  'bad-since': { exit: usage, means: '`stats --since` is not a duration like "30d"' },

  // Anything shipit did not expect: a bug, reported with its stack under --verbose
  unexpected: { exit: failed, means: 'an error nobody expected; `--verbose` shows the stack trace' },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof catalogue;
