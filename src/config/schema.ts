import * as z from 'zod';
import { releaseRefProblem } from '../deploy/release-ref.js';
import type { ScriptConfig } from '../deploy/run-script.js';
import { verifySchema } from '../deploy/verify-settings.js';
import type { GitHubSettings } from '../github/client.js';
import { hooksSchema } from '../hooks/schema.js';
import { notificationsSchema } from '../notify/config.js';
import { DEFAULT_STATE_BACKEND, stateBackendNames } from '../state/backends.js';
import { environmentNameProblem } from '../state/environment-name.js';
import { durationSchema } from '../time/duration.js';
import type { CheckEntry } from './entries.js';
import {
  type EnvironmentChecks,
  type EnvironmentInputOf,
  environmentSchema,
  type OverridableKey,
  type PromoteSettings,
} from './environment-schema.js';

const actionSchema = z.enum(['deploy', 'rollback']);

/** Settings every check accepts, whatever its kind. */
export const commonCheckFields = {
  name: z.string().regex(/^[\w.:/-]+$/, 'expected a name of letters, digits, "-", "_", ".", ":" or "/"'),
  title: z.string().optional(),
  timeout: durationSchema.optional(),
  severity: z.enum(['blocking', 'warning']).default('blocking'),
  on: z.array(actionSchema).min(1).default(['deploy']),
};

const commandLine = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** How shipit runs the team's own deploy or rollback script. */
const scriptSchema = z.strictObject({
  run: commandLine,
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
  timeout: durationSchema.default(30 * 60_000),
  /** How long the script gets to stop after Ctrl-C or SIGTERM before it is killed. */
  killGrace: durationSchema.default(10_000),
}) satisfies z.ZodType<ScriptConfig>;

const githubSchema = z.strictObject({
  repository: z
    .string()
    .regex(/^[^/\s]+\/[^/\s]+$/, 'expected "owner/name"')
    .optional(),
  baseUrl: z.url().optional(),
  /** On an exhausted rate limit: fail at once (default) or wait for the reset. */
  onRateLimit: z.enum(['fail', 'wait']).optional(),
  requestTimeout: durationSchema.optional(),
  /** Linked from the GitHub deployment; default: the GitHub Actions run, when there is one. */
  logUrl: z.url().optional(),
  /** The GitHub deployment environment; default: the shipit environment's name. */
  environment: z.string().min(1).optional(),
}) satisfies z.ZodType<GitHubSettings>;

const releaseRefSchema = z
  .string()
  .min(1)
  .superRefine((ref, ctx) => {
    const problem = releaseRefProblem(ref);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const environmentName = z.string().superRefine((name, ctx) => {
  const problem = environmentNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Every top-level key; an environment block picks the overridable ones (environments.ts). */
export const sharedConfigShape = {
  /** Where an editor finds the JSON Schema of a JSON/YAML config (shipit-gate/schema.json); shipit ignores it. */
  $schema: z.string().optional(),
  environment: environmentName.default('production'),
  /** The branch that ships; default: the remote's default branch, else main. */
  branch: z.string().min(1).optional(),
  remote: z.string().min(1).default('origin'),
  concurrency: z.number().int().positive().optional(),
  github: githubSchema.optional(),
  // Entries are validated one by one (see resolve-checks.ts) so errors name the exact entry.
  checks: z.array(z.unknown()).default([]),
  // `verify`: the checks run after the script, for a while (docs/verify.md).
  deploy: scriptSchema.extend({ verify: verifySchema.optional() }).optional(),
  rollback: scriptSchema.extend({ run: commandLine.optional(), lock: z.boolean().default(true) }).optional(),
  release: z.strictObject({ ref: releaseRefSchema.optional() }).optional(),
  hooks: hooksSchema.optional(),
  /** Where the team's lock and deploy history live (docs/state-backend.md); default: git refs on `remote`. */
  state: z
    .strictObject({ backend: z.enum(stateBackendNames).default(DEFAULT_STATE_BACKEND) })
    .default({ backend: DEFAULT_STATE_BACKEND }),
  /** Environment variables whose values are masked in deploy logs and records (besides *TOKEN*, *SECRET*…). */
  secrets: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')).default([]),
  /** Slack, webhook and GitHub Actions notifications (docs/notifications.md). */
  notifications: notificationsSchema.default([]),
};

export const configSchema = z.strictObject({
  ...sharedConfigShape,
  /** staging, production…: each block overrides some shared keys (docs/environments.md). */
  environments: z.record(environmentName, environmentSchema<EnvironmentBlock>(sharedConfigShape)).optional(),
});

export type SharedConfig = z.output<z.ZodObject<typeof sharedConfigShape>>;
/** One block of `environments`, validated: the overridable keys it sets, its checks, its promotion. */
export type EnvironmentBlock = Partial<Pick<SharedConfig, OverridableKey>> & {
  checks?: EnvironmentChecks;
  promote?: PromoteSettings;
};
export type EnvironmentInput = EnvironmentInputOf<z.input<z.ZodObject<typeof sharedConfigShape>>>;
export type ShipitConfig = z.output<typeof configSchema>;
/** What a config file exports (see `defineConfig`). */
export type ShipitConfigInput = Omit<z.input<typeof configSchema>, 'checks' | 'environments'> & {
  checks?: CheckEntry[];
  environments?: Record<string, EnvironmentInput>;
};
