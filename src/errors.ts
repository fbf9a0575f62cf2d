// Every error a user can hit, with a stable code, one line of what is wrong
// and a hint of what to do. The CLI prints `code message` and the hint.

export const ExitCode = {
  ok: 0,
  blocked: 1,
  usage: 2,
  failed: 3,
  locked: 4,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class ShipitError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCodeValue;

  constructor(
    code: string,
    message: string,
    options: { hint?: string; exitCode?: ExitCodeValue; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ShipitError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.usage;
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

// The catalogue: errors raised from more than one place.

/** A config that does not validate: one line per problem, each naming the file and the key. */
export function configInvalid(label: string, problems: string[]): ShipitError {
  return new ShipitError('config-invalid', problems.map((problem) => `${label}: ${problem}`).join('\n'), {
    hint: 'fix the config and run again (README: Configuration, Built-in checks)',
  });
}
