import { releaseRefProblem } from '../deploy/release-ref.js';
import type { ScriptConfig } from '../deploy/run-script.js';
import { verifySchema } from '../deploy/verify-settings.js';
import type { GitHubSettings } from '../github/client.js';
import { hooksSchema } from '../hooks/schema.js';
import { notificationsSchema } from '../notify/config.js';
import { DEFAULT_STATE_BACKEND, stateBackendNames } from '../state/backends.js';
import { environmentNameProblem } from '../state/environment-name.js';
import { durationSchema } from '../time/duration.js';
import * as z from '../validation/zod.js';
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
  name: z.string().check(z.regex(/^[\w.:/-]+$/, 'expected a name of letters, digits, "-", "_", ".", ":" or "/"')),
  title: z.optional(z.string()),
  timeout: z.optional(durationSchema),
  severity: z._default(z.enum(['blocking', 'warning']), 'blocking'),
  on: z._default(z.array(actionSchema).check(z.minLength(1)), ['deploy']),
};

const commandLine = z.union([
  z.string().check(z.minLength(1)),
  z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
]);

/** How shipit runs the team's own deploy or rollback script. */
const scriptSchema = z.strictObject({
  run: commandLine,
  cwd: z.optional(z.string()),
  env: z.optional(z.record(z.string(), z.string())),
  timeout: z._default(durationSchema, 30 * 60_000),
  /** How long the script gets to stop after Ctrl-C or SIGTERM before it is killed. */
  killGrace: z._default(durationSchema, 10_000),
}) satisfies z.ZodMiniType<ScriptConfig>;

const githubSchema = z.strictObject({
  repository: z.optional(z.string().check(z.regex(/^[^/\s]+\/[^/\s]+$/, 'expected "owner/name"'))),
  baseUrl: z.optional(z.url()),
  /** On an exhausted rate limit: fail at once (default) or wait for the reset. */
  onRateLimit: z.optional(z.enum(['fail', 'wait'])),
  requestTimeout: z.optional(durationSchema),
  /** Linked from the GitHub deployment; default: the GitHub Actions run, when there is one. */
  logUrl: z.optional(z.url()),
  /** The GitHub deployment environment; default: the shipit environment's name. */
  environment: z.optional(z.string().check(z.minLength(1))),
}) satisfies z.ZodMiniType<GitHubSettings>;

const releaseRefSchema = z.string().check(
  z.minLength(1),
  z.superRefine((ref, ctx) => {
    const problem = releaseRefProblem(ref);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

const environmentName = z.string().check(
  z.superRefine((name, ctx) => {
    const problem = environmentNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

/** Every top-level key; an environment block picks the overridable ones (environments.ts). */
export const sharedConfigShape = {
  /** Where an editor finds the JSON Schema of a JSON/YAML config (shipit-gate/schema.json); shipit ignores it. */
  $schema: z.optional(z.string()),
  environment: z._default(environmentName, 'production'),
  /** The branch that ships; default: the remote's default branch, else main. */
  branch: z.optional(z.string().check(z.minLength(1))),
  remote: z._default(z.string().check(z.minLength(1)), 'origin'),
  concurrency: z.optional(z.number().check(z.int(), z.positive())),
  github: z.optional(githubSchema),
  // Entries are validated one by one (see resolve-checks.ts) so errors name the exact entry.
  checks: z._default(z.array(z.unknown()), []),
  // `verify`: the checks run after the script, for a while (docs/verify.md).
  deploy: z.optional(z.extend(scriptSchema, { verify: z.optional(verifySchema) })),
  rollback: z.optional(z.extend(scriptSchema, { run: z.optional(commandLine), lock: z._default(z.boolean(), true) })),
  release: z.optional(z.strictObject({ ref: z.optional(releaseRefSchema) })),
  hooks: z.optional(hooksSchema),
  /** Where the team's lock and deploy history live (docs/state-backend.md); default: git refs on `remote`. */
  state: z._default(z.strictObject({ backend: z._default(z.enum(stateBackendNames), DEFAULT_STATE_BACKEND) }), {
    backend: DEFAULT_STATE_BACKEND,
  }),
  /** Environment variables whose values are masked in deploy logs and records (besides *TOKEN*, *SECRET*…). */
  secrets: z._default(
    z.array(z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name'))),
    [],
  ),
  /** Slack, webhook and GitHub Actions notifications (docs/notifications.md). */
  notifications: z._default(notificationsSchema, []),
};

export const configSchema = z.strictObject({
  ...sharedConfigShape,
  /** staging, production…: each block overrides some shared keys (docs/environments.md). */
  environments: z.optional(z.record(environmentName, environmentSchema<EnvironmentBlock>(sharedConfigShape))),
});

export type SharedConfig = z.output<z.ZodMiniObject<typeof sharedConfigShape>>;
/** One block of `environments`, validated: the overridable keys it sets, its checks, its promotion. */
export type EnvironmentBlock = Partial<Pick<SharedConfig, OverridableKey>> & {
  checks?: EnvironmentChecks;
  promote?: PromoteSettings;
};
export type EnvironmentInput = EnvironmentInputOf<z.input<z.ZodMiniObject<typeof sharedConfigShape>>>;
export type ShipitConfig = z.output<typeof configSchema>;
/** What a config file exports (see `defineConfig`). */
export type ShipitConfigInput = Omit<z.input<typeof configSchema>, 'checks' | 'environments'> & {
  checks?: CheckEntry[];
  environments?: Record<string, EnvironmentInput>;
};
