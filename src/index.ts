// The public API for config files and plugin checks.
import type { InlineEntry } from './config/entries.js';
import type { ShipitConfigInput } from './config/schema.js';

export type { BuiltinEntry, CheckEntry, InlineEntry, PluginEntry } from './config/entries.js';
export type { ShipitConfig, ShipitConfigInput } from './config/schema.js';
export type {
  Action,
  Check,
  CheckContext,
  CheckOutcome,
  CheckResult,
  CheckStatus,
  Commit,
  ExecOptions,
  ExecResult,
  GitReader,
  Severity,
} from './gate/contract.js';

/**
 * Turns every top-level key the config does not know into `never`, so a typo (`enviroment`) fails
 * type-checking: a `const` type parameter is inferred from the literal, which skips excess-property checks.
 */
type KnownKeysOnly<T> = T & { [Key in Exclude<keyof T, keyof ShipitConfigInput>]: never };

/** Returns the config unchanged: it only gives TypeScript users completion and checking. */
export function defineConfig<const T extends ShipitConfigInput>(config: KnownKeysOnly<T>): T {
  return config;
}

/** Returns the check unchanged, typed: for plugin modules and inline checks. */
export function defineCheck<const T extends InlineEntry>(check: T): T {
  return check;
}
