import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { ExitCode } from '../errors.js';
import { reportError, verboseFromEnv } from './errors.js';
import { createOutput, type Output } from './output.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

type Handler<O> = (options: O, output: Output) => Promise<number>;

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Runs a command handler and exits with its code; the CLI layer only parses and prints. */
function action<O extends object>(load: () => Promise<Handler<O>>) {
  return async (_options: O, command: Command) => {
    const options = command.optsWithGlobals() as O & { json?: boolean; verbose?: boolean };
    const verbose = Boolean(options.verbose) || verboseFromEnv();
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
  .exitOverride();

program
  .command('check')
  .description('run every preflight check in parallel and print one gate report')
  .option('--only <name>', 'run only this check (repeatable)', collect)
  .option('--skip <name>', 'skip this check, shown in the report (repeatable; needs --reason)', collect)
  .option('--reason <text>', 'why the skipped checks are skipped')
  .option('--ref <ref>', 'check this commit instead of the branch tip')
  .option('--no-fetch', 'do not fetch the branch from the remote first')
  .option('--json', 'print one JSON object and nothing else on stdout')
  .addHelpText(
    'after',
    examples(
      'shipit check',
      'shipit check --only ci-status --only translations',
      'shipit check --skip statuspage --reason "status page down, checked by hand" --json',
    ) + '\nExit codes: 0 gate passed (warnings allowed), 1 gate blocked, 2 usage or config error.\n',
  )
  .action(action(async () => (await import('../commands/check.js')).checkCommand));

program
  .command('checks')
  .description('list the configured checks')
  .option('--json', 'print them as JSON')
  .addHelpText('after', examples('shipit checks', 'shipit checks --config deploy.staging.ts'))
  .action(action(async () => (await import('../commands/list-checks.js')).listChecksCommand));

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
      const done = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      process.exit(done ? ExitCode.ok : ExitCode.usage);
    }
    process.exit(reportError(error, { verbose: verboseFromEnv(), json: false }));
  }
}

await main(process.argv);
