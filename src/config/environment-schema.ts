import { environmentNameProblem } from '../state/environment-name.js';
import { durationSchema } from '../time/duration.js';
import * as z from '../validation/zod.js';
import type { CheckEntry } from './entries.js';

/**
 * The top-level keys an environment block may set, each replacing the shared value
 * (`github` is merged key by key). One list: a new top-level key joins with one word.
 * `checks` is not in it: an environment's checks combine with the shared ones (see below).
 */
export const OVERRIDABLE_KEYS = [
  'branch',
  'remote',
  'github',
  'deploy',
  'rollback',
  'release',
  'concurrency',
  'hooks',
  'notifications',
] as const;
export type OverridableKey = (typeof OVERRIDABLE_KEYS)[number];

/**
 * An environment's checks: a list is added to the shared checks (an entry named like a
 * shared check replaces it, in its place); `{ replace: [...] }` drops the shared ones;
 * `{ drop: ['deploy-window'], add: [...] }` drops some by name and adds others.
 */
export type EnvironmentChecks = unknown[] | { replace?: unknown[]; drop?: string[]; add?: unknown[] };
export type EnvironmentChecksInput = CheckEntry[] | { replace?: CheckEntry[]; drop?: string[]; add?: CheckEntry[] };

export interface PromoteSettings {
  /** The environment `deploy --from` promotes from by default. */
  from?: string;
  /** How long the source's release must have been live before it may be promoted, in ms. */
  soak?: number;
}

/** A block as written (`Shared`: the top-level keys' input types); its output type is in schema.ts. */
export type EnvironmentInputOf<Shared extends Partial<Record<OverridableKey, unknown>>> = Partial<
  Pick<Shared, OverridableKey>
> & {
  checks?: EnvironmentChecksInput;
  promote?: { from?: string; soak?: string | number };
};

const environmentChecksSchema = z.union([
  z.array(z.unknown()),
  z
    .strictObject({
      replace: z.optional(z.array(z.unknown())),
      drop: z.optional(z.array(z.string())),
      add: z.optional(z.array(z.unknown())),
    })
    .check(
      z.refine((value) => !(value.replace && (value.drop || value.add)), {
        message: 'use either replace, or drop and add: replace already drops every shared check',
      }),
    ),
]);

const promoteSchema = z.strictObject({
  from: z.optional(
    z.string().check(
      z.superRefine((name, ctx) => {
        const problem = environmentNameProblem(name);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    ),
  ),
  soak: z.optional(durationSchema),
});

/** A block of `environments`: the overridable keys of the top-level shape, without their defaults. */
export function environmentSchema<Block>(shape: Record<OverridableKey, z.ZodMiniType>): z.ZodMiniType<Block> {
  const picked = Object.fromEntries(
    OVERRIDABLE_KEYS.map((key) => {
      const schema = shape[key];
      // A default would set the key in every block and hide the shared value.
      return [key, z.optional(schema instanceof z.ZodMiniDefault ? (schema.def.innerType as z.ZodMiniType) : schema)];
    }),
  );
  return z.strictObject({
    ...picked,
    checks: z.optional(environmentChecksSchema),
    promote: z.optional(promoteSchema),
  }) as unknown as z.ZodMiniType<Block>;
}
