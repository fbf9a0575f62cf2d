import type { Check } from '../gate/contract.js';
import { durationSchema } from '../time/duration.js';
import * as z from '../validation/zod.js';
import type { ScriptConfig } from './run-script.js';

/** `deploy.verify` in the config: checks run again and again after the script succeeds (docs/verify.md). */
export const verifySchema = z.strictObject({
  for: durationSchema,
  every: z._default(durationSchema, 30_000),
  /** Consecutive failing rounds that make the release faulty. */
  failAfter: z._default(z.number().check(z.int(), z.positive()), 1),
  onFailure: z._default(z.enum(['rollback', 'lock', 'none']), 'rollback'),
  // Entries are validated one by one, by the same resolver as the top-level `checks`.
  checks: z.array(z.unknown()).check(z.minLength(1, 'expected at least one check to verify the release with')),
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
