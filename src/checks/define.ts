import type { CheckContext, CheckOutcome } from '../gate/contract.js';
import type { GitHubSetup } from '../github/client.js';
import type * as z from '../validation/zod.js';

/** What a built-in check's factory may use besides its own options: today, what reaching GitHub takes. */
export type BuiltinSetup = GitHubSetup;

export type CheckRun = (ctx: CheckContext) => Promise<CheckOutcome>;

/**
 * A built-in check: its `type`, the zod schema of its own settings (the common
 * ones, name, timeout, severity, on, are added by the registry) and a factory.
 */
export interface BuiltinCheck<Schema extends z.ZodMiniObject = z.ZodMiniObject, Type extends string = string> {
  type: Type;
  /** One line for `shipit checks` and docs/checks.md. */
  description: string;
  schema: Schema;
  create(options: z.output<Schema>, setup: BuiltinSetup): CheckRun;
}

export const defineBuiltin = <Schema extends z.ZodMiniObject, const Type extends string>(
  check: BuiltinCheck<Schema, Type>,
): BuiltinCheck<Schema, Type> => check;
