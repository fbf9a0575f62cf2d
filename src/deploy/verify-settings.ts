import * as z from 'zod';
import type { Check } from '../gate/contract.js';
import { durationSchema } from '../time/duration.js';
import type { ScriptConfig } from './run-script.js';

/** `deploy.verify` in the config: checks run again and again after the script succeeds (docs/verify.md). */
export const verifySchema = z.strictObject({
  for: durationSchema,
  every: durationSchema.default(30_000),
  /** Consecutive failing rounds that make the release faulty. */
  failAfter: z.number().int().positive().default(1),
  onFailure: z.enum(['rollback', 'lock', 'none']).default('rollback'),
  // Entries are validated one by one, by the same resolver as the top-level `checks`.
  checks: z.array(z.unknown()).min(1, 'expected at least one check to verify the release with'),
});

export type VerifySettings = z.output<typeof verifySchema>;

/** What a deploy verifies with: the settings, the built checks, and how to roll back when they fail. */
export interface VerificationPlan {
  settings: VerifySettings;
  checks: Check[];
  /** The script an automatic rollback runs (rollback.run, else deploy.run); null when there is none. */
  rollbackScript: ScriptConfig | null;
  /** The config's `secrets`: masked in the checks' outcomes. */
  secretNames: readonly string[];
  /**
   * On a TTY, what to do when Ctrl-C stops the window: keep the release (recorded success, unverified)
   * or roll it back. Elsewhere undefined: the release is kept.
   */
  askOnInterrupt?: () => Promise<'keep' | 'rollback'>;
}
