// Every error a user can hit, with a stable code from the catalogue, one line of
// what is wrong and a hint of what to do. The CLI prints `code message` and the hint.

import { catalogue, type ErrorCode, type ErrorEntry, type ExitCodeValue } from './errors/catalogue.js';

export { catalogue, type ErrorCode, ExitCode, type ExitCodeValue } from './errors/catalogue.js';

export class ShipitError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  /** Always the catalogue's: one code, one exit code. */
  readonly exitCode: ExitCodeValue;

  /** `hint` overrides the catalogue's default hint for this code, if it has one. */
  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    const entry: ErrorEntry = catalogue[code];
    this.name = 'ShipitError';
    this.code = code;
    this.hint = options.hint ?? entry.hint;
    this.exitCode = entry.exit;
  }
}

export const isShipitError = (error: unknown): error is ShipitError => error instanceof ShipitError;

/** Turns anything thrown into one line, without a stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

// Errors raised from more than one place.

/** A config that does not validate: one line per problem, each naming the file and the key. */
export function configInvalid(label: string, problems: string[]): ShipitError {
  return new ShipitError('config-invalid', problems.map((problem) => `${label}: ${problem}`).join('\n'), {
    hint: 'fix the config and run again (docs/configuration.md, docs/checks.md)',
  });
}
