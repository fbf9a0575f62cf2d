import { describeError, ExitCode, isShipitError } from '../errors.js';
import { colorEnabled, createChalk } from '../report/style.js';

/** Prints an error as one line (plus a hint), a stack only with --verbose or DEBUG=shipit. */
export function reportError(error: unknown, options: { verbose: boolean; json: boolean }): number {
  const chalk = createChalk(colorEnabled(process.stderr));
  if (isShipitError(error)) {
    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({ ok: false, error: { code: error.code, message: error.message, hint: error.hint ?? null } }, null, 2)}\n`,
      );
    }
    process.stderr.write(`${chalk.red(`error[${error.code}]`)} ${error.message}\n`);
    if (error.hint) process.stderr.write(`${chalk.dim(`hint: ${error.hint}`)}\n`);
    if (options.verbose && error.cause) process.stderr.write(`${stackOf(error.cause)}\n`);
    return error.exitCode;
  }
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ ok: false, error: { code: 'unexpected', message: describeError(error), hint: null } }, null, 2)}\n`,
    );
  }
  process.stderr.write(`${chalk.red('error[unexpected]')} ${describeError(error)}\n`);
  if (options.verbose) process.stderr.write(`${stackOf(error)}\n`);
  else
    process.stderr.write(
      `${chalk.dim('hint: run again with --verbose (or DEBUG=shipit) for the stack trace, and report it if it looks like a bug')}\n`,
    );
  return ExitCode.failed;
}

function stackOf(error: unknown): string {
  return error instanceof Error && error.stack ? error.stack : describeError(error);
}

export const verboseFromEnv = () => /(^|,)\s*shipit(\*|:\*)?\s*(,|$)/.test(process.env.DEBUG ?? '');
