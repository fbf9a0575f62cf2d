import { catalogue, describeError, type ErrorCode, isShipitError } from '../errors.js';
import { colorEnabled, createChalk } from '../report/style.js';
import { safeJson, safeLine } from '../report/untrusted-text.js';

// Messages quote commit subjects, lock reasons and service answers: each line is made inert.
const inert = (text: string) => text.split('\n').map(safeLine).join('\n');

// Anything thrown that is not a ShipitError: a bug, still reported under a catalogued code.
const unexpected: ErrorCode = 'unexpected';

/** Prints an error as one line (plus a hint), a stack only with --verbose or DEBUG=shipit. */
export function reportError(error: unknown, options: { verbose: boolean; json: boolean }): number {
  const chalk = createChalk(colorEnabled(process.stderr));
  if (isShipitError(error)) {
    if (options.json) {
      process.stdout.write(
        `${safeJson({ ok: false, error: { code: error.code, message: error.message, hint: error.hint ?? null } })}\n`,
      );
    }
    process.stderr.write(`${chalk.red(`error[${error.code}]`)} ${inert(error.message)}\n`);
    if (error.hint) process.stderr.write(`${chalk.dim(`hint: ${inert(error.hint)}`)}\n`);
    if (options.verbose && error.cause) process.stderr.write(`${stackOf(error.cause)}\n`);
    return error.exitCode;
  }
  if (options.json) {
    process.stdout.write(
      `${safeJson({ ok: false, error: { code: unexpected, message: describeError(error), hint: null } })}\n`,
    );
  }
  process.stderr.write(`${chalk.red(`error[${unexpected}]`)} ${inert(describeError(error))}\n`);
  if (options.verbose) process.stderr.write(`${stackOf(error)}\n`);
  else
    process.stderr.write(
      `${chalk.dim('hint: run again with --verbose (or DEBUG=shipit) for the stack trace, and report it if it looks like a bug')}\n`,
    );
  return catalogue[unexpected].exit;
}

function stackOf(error: unknown): string {
  return error instanceof Error && error.stack ? error.stack : describeError(error);
}

export const verboseFromEnv = () => /(^|,)\s*shipit(\*|:\*)?\s*(,|$)/.test(process.env.DEBUG ?? '');
