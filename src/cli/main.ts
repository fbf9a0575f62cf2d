import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { ExitCode } from '../errors.js';
import type { Output } from './output.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

type Handler<O> = (options: O, output: Output) => Promise<number>;

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
const collect = (value: string, previous: string[] = []) => [...previous, value];
// The page as a path a user can open: the package ships docs/, two levels above this file in src/ and in dist/bin/.
const docsPath = (page: string) => decodeURIComponent(new URL(`../../${page}`, import.meta.url).pathname);
const docs = (page: string) => `\nDocs: ${docsPath(`docs/${page}`)}\n`;

/**
 * Runs a command handler and exits with its code; the CLI layer only parses and prints.
 * What only a command needs (chalk for its output, the fault handlers) loads here,
 * not for `--version` and `--help`.
 */
function action<O extends object>(load: () => Promise<Handler<O>>) {
  return async (_options: O, command: Command) => {
    // Node 22.1+ keeps V8's compiled code of the chunks loaded from here on between runs (absent on Node 20).
    ((await import('node:module')) as { enableCompileCache?: () => unknown }).enableCompileCache?.();
    // git answers where the repository is while the command's code loads: a process start off the hot path.
    const warming = import('../git/repo.js').then(({ warmRepo }) => warmRepo(process.cwd()));
    const options = command.optsWithGlobals() as O & { json?: boolean; verbose?: boolean };
    const [{ reportError, verboseFromEnv }, { installFaultHandlers }, { routeConsoleToStderr }, { createOutput }] =
      await Promise.all([
        import('./errors.js'),
        import('./process-faults.js'),
        import('./json-console.js'),
        import('./output.js'),
        warming,
      ]);
    const verbose = Boolean(options.verbose) || verboseFromEnv();
    installFaultHandlers({ verbose, json: Boolean(options.json) });
    if (options.json) routeConsoleToStderr();
    let code: number;
    try {
      const handler = await load();
      code = await handler(options, createOutput({ json: options.json }));
    } catch (error) {
      code = reportError(error, { verbose, json: Boolean(options.json) });
    }
    // Exit now: a check that hung past its timeout must not keep the process alive.
    process.exit(code);
  };
}

const program = new Command('shipit')
  .description('Preflight checks, a team-wide lock, deploy, rollback, and deploy-everything-minus-the-faulty-commit.')
  .version(version, '-V, --version')
  .option('-c, --config <path>', 'config file (default: deploy.config.ts, .shipitrc*, or "shipit" in package.json)')
  .option('-e, --env <name>', 'environment to act on (default: the config\'s `environment`, "production")')
  .option('--verbose', 'show stack traces for unexpected errors (also DEBUG=shipit)')
  .showSuggestionAfterError(true)
  .addHelpText('after', `\nDocs: ${docsPath('README.md')} and the pages in ${docsPath('docs/')}\n`)
  .exitOverride();

program
  .command('init')
  .description('write a commented deploy.config.ts from what this repository shows (GitHub, locales, deploy script)')
  .option('--force', 'replace an existing config')
  .option('--json', 'print the file written and what was detected as one JSON object')
  .addHelpText(
    'after',
    examples('shipit init', 'shipit init --force', 'shipit init && shipit checks && shipit check') +
      '\nIt detects a GitHub remote (ci-status, pull-requests), config/locales, locales or public/locales (translations),\n' +
      'bin/deploy, scripts/deploy.sh, deploy.sh, an npm "deploy" script, Kamal or Capistrano, and the default branch.\n' +
      'Staging and production deployed each its own way (scripts/deploy-staging.sh and scripts/deploy-production.sh,\n' +
      'npm scripts deploy:staging and deploy:production, Kamal destinations) give a config with `environments`.\n' +
      docs('configuration.md'),
  )
  .action(action(async () => (await import('../commands/init.js')).initCommand));

program
  .command('check')
  .description('run every preflight check in parallel and print one gate report')
  .option('--only <name...>', 'run only these checks')
  .option('--skip <name...>', 'skip these checks, shown in the report (needs --reason)')
  .option('--reason <text>', 'why the skipped checks are skipped')
  .option('--ref <ref>', 'check this commit instead of the branch tip')
  .option('--no-fetch', 'do not fetch the branch from the remote first')
  .option('--json', 'print one JSON object and nothing else on stdout')
  .addHelpText(
    'after',
    examples(
      'shipit check',
      'shipit check --only batch-size --only deploy-window',
      'shipit check --skip deploy-window --reason "hotfix approved out of hours" --json',
    ) +
      '\nCheck names are those `shipit checks` lists; a built-in check without a name is named after its type.\n' +
      'Exit codes: 0 gate passed (warnings allowed), 1 gate blocked, 2 usage or config error (also: no checks\n' +
      'configured, or --skip leaving none to run).\n' +
      docs('checks.md'),
  )
  .action(action(async () => (await import('../commands/check.js')).checkCommand));

program
  .command('checks')
  .description('list the configured checks')
  .option('--json', 'print them as JSON')
  .addHelpText('after', examples('shipit checks', 'shipit checks --config deploy.staging.ts') + docs('checks.md'))
  .action(action(async () => (await import('../commands/list-checks.js')).listChecksCommand));

program
  .command('status')
  .description('what is live, what the next deploy would ship, the lock and standing exclusions')
  .option('--no-fetch', 'do not fetch the branch from the remote first')
  .option('--all', 'every environment of the config on one screen')
  .option('--json', 'print one JSON object')
  .addHelpText(
    'after',
    examples('shipit status', 'shipit status --env staging --json', 'shipit status --all') + docs('state.md'),
  )
  .action(action(async () => (await import('../commands/status.js')).statusCommand));

program
  .command('deploy')
  .description('run the gate, take the lock, run the deploy script and record it for the whole team')
  .option('--ref <ref>', 'deploy this commit instead of the branch tip')
  .option(
    '-x, --exclude <commit>',
    'ship everything minus this commit: a sha (7+ characters) or #PR (repeatable)',
    collect,
  )
  .option('--include <commit>', 'release a standing exclusion: ship it again (repeatable)', collect)
  .option('--skip <name...>', 'leave these checks out of the gate, shown in the report (needs --reason; recorded)')
  .option('--reason <text>', 'why: recorded with --exclude, --skip and --force')
  .option('-y, --yes', 'do not ask for confirmation (never asked when not on a TTY)')
  .option('--dry-run', 'run the gate and print what would run; change nothing')
  .option('--force', 'deploy over a blocked gate: prints FORCED with the ignored checks (needs --reason; recorded)')
  .option('--lock-wait <duration>', 'wait this long for the lock instead of refusing, e.g. 5m')
  .option('--no-fetch', 'do not fetch the branch from the remote first')
  .option('--from [env]', "promote: ship exactly what this environment runs (default: the config's promote.from)")
  .option('--json', 'print one JSON document on stdout (the gate report inside); the rest goes to stderr')
  .addHelpText(
    'after',
    examples(
      'shipit deploy',
      'shipit deploy --env production --from staging',
      'shipit deploy --exclude 3f9c2e1 --reason "search returns 500s"',
      'shipit deploy --dry-run --ref v2.3.0',
      'shipit deploy --skip deploy-window --reason "hotfix approved out of hours"',
      'shipit deploy --force --reason "hotfix, CI is down" --yes',
    ) +
      '\nExit codes: 0 deployed (or nothing to deploy, or a dry run that would deploy, --force included), 1 gate blocked\n' +
      'or cancelled, 2 usage, config or exclusion error, 3 the script failed, 4 locked, 130 interrupted (recorded as aborted).\n' +
      docs('deploy.md'),
  )
  .action(action(async () => (await import('../commands/deploy.js')).deployCommand));

program
  .command('rollback')
  .description('go back to the previous good release (only checks that opt into rollback run)')
  .option('--to <sha|id>', 'roll back to this deploy id or commit instead of the previous release')
  .option('-y, --yes', 'do not ask for confirmation (never asked when not on a TTY)')
  .option('--dry-run', 'print what would run; change nothing')
  .option('--force', 'allow a target that was never deployed')
  .option('--lock-wait <duration>', 'wait this long for the lock instead of refusing')
  .option('--json', 'print one JSON document on stdout (the gate report inside); the rest goes to stderr')
  .addHelpText(
    'after',
    examples('shipit rollback', 'shipit rollback --to 41', 'shipit rollback --to 3f9c2e1 --force --yes') +
      docs('deploy.md'),
  )
  .action(action(async () => (await import('../commands/rollback.js')).rollbackCommand));

program
  .command('adopt')
  .description('record the commit the environment runs today (deployed by another tool) without running a script')
  .argument('<sha>', 'the commit that is live: a sha (7+ characters) or a tag, on the deployed branch')
  .option('--reason <text>', 'why, kept in the record (e.g. "moving from Capistrano")')
  .option('-y, --yes', 'do not ask for confirmation (never asked when not on a TTY)')
  .option('--force', 'record it even though shipit already has a live release for the environment')
  .option('--no-fetch', 'do not fetch the branch from the remote first')
  .option('--json', 'print the record written as one JSON object')
  .addHelpText(
    'after',
    examples('shipit adopt 41ab9c2 --reason "moving from Capistrano"', 'shipit adopt v2.3.0 --env staging --json') +
      '\nExit codes: 0 recorded, 1 cancelled, 2 not a commit of the deployed branch or a history exists (--force), 4 locked.\n' +
      docs('adopt.md'),
  )
  .action((sha: string, options: object, command: Command) =>
    action(async () => {
      const { adoptCommand } = await import('../commands/adopt.js');
      return (opts: object, output: Output) => adoptCommand(sha, opts, output);
    })(options, command),
  );

program
  .command('verify')
  .description("run deploy.verify's checks now against the live release, for its window (reports only)")
  .option('--json', 'print the rounds and the verdict as one JSON object')
  .addHelpText('after', examples('shipit verify', 'shipit verify --env staging --json') + docs('verify.md'))
  .action(action(async () => (await import('../commands/verify.js')).verifyCommand));

program
  .command('history')
  .description('every deploy and rollback of the environment, newest first')
  .option('-n, --limit <n>', 'how many to show', '20')
  .option('--json', 'print them as JSON')
  .addHelpText('after', examples('shipit history', 'shipit history --limit 5 --json') + docs('state.md'))
  .action(action(async () => (await import('../commands/history.js')).historyCommand));

program
  .command('lock')
  .description('lock the environment: nobody deploys or rolls back until it is unlocked')
  .option('--reason <text>', 'why (required; the team sees it)')
  .option('--json', 'print the lock taken as one JSON object')
  .addHelpText(
    'after',
    examples(
      'shipit lock --reason "database migration until 15:00"',
      'shipit lock --env staging --reason "load test"',
    ) + docs('state.md'),
  )
  .action(action(async () => (await import('../commands/lock.js')).lockCommand));

program
  .command('unlock')
  .description("release the lock (yours; --force for anyone else's or a stale one)")
  .option('--force', 'release a lock that is not yours, or a stale one')
  .option('--json', 'print the lock released as one JSON object')
  .addHelpText('after', examples('shipit unlock', 'shipit unlock --force') + docs('state.md'))
  .action(action(async () => (await import('../commands/lock.js')).unlockCommand));

program
  .command('repair')
  .description('write a deploy outcome the remote refused, and end records left running by a process that is gone')
  .option('--json', 'print one JSON object: what was written, recorded as aborted and released')
  .addHelpText('after', examples('shipit repair', 'shipit repair --env staging') + docs('state.md'))
  .action(action(async () => (await import('../commands/repair.js')).repairCommand));

program
  .command('auto')
  .description(
    'continuous delivery: deploy the branch when the gate is green, nothing is locked or running, no faulty commit',
  )
  .option('--once', 'one round, then exit (the default: for a scheduled CI job)')
  .option('--interval <duration>', 'a round every <duration> until Ctrl-C or SIGTERM, e.g. 5m')
  .option('--json', 'print one JSON document per round')
  .addHelpText(
    'after',
    examples('shipit auto --once', 'shipit auto --interval 5m', 'shipit auto --once --json --env staging') +
      '\nEach round prints why it did or did not deploy. Exit codes: 0 deployed, or no deploy this round (locked,\n' +
      'busy, up to date, gate blocked, faulty commits), 2 usage or config error, 3 the deploy failed, 130 interrupted.\n' +
      docs('auto.md'),
  )
  .action(action(async () => (await import('../commands/auto.js')).autoCommand));

program
  .command('stats')
  .description(
    'the four DORA figures from the shared history: deploy frequency, batch size, failure rate, time to restore',
  )
  .option('--since <duration>', 'the period, back from now', '30d')
  .option('--json', 'print one JSON object')
  .addHelpText('after', examples('shipit stats', 'shipit stats --since 7d --json --env staging') + docs('auto.md'))
  .action(action(async () => (await import('../commands/stats.js')).statsCommand));

export async function main(argv: string[]): Promise<void> {
  if (argv.length <= 2) {
    const { noArgumentsHint } = await import('./no-arguments.js');
    process.stdout.write(await noArgumentsHint(program.helpInformation()));
    return;
  }
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      const done =
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help';
      process.exit(done ? ExitCode.ok : ExitCode.usage);
    }
    const { reportError, verboseFromEnv } = await import('./errors.js');
    process.exit(reportError(error, { verbose: verboseFromEnv(), json: false }));
  }
}

await main(process.argv);
