import * as z from 'zod';
import { durationSchema } from './duration.js';
import type { CheckEntry } from './entries.js';

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
export const scriptSchema = z.strictObject({
  run: commandLine,
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
  timeout: durationSchema.default(30 * 60_000),
  /** How long the script gets to stop after Ctrl-C or SIGTERM before it is killed. */
  killGrace: durationSchema.default(10_000),
});

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
});

/** Every release ref lives here: shipit force-pushes it, so it must never name a branch people commit to. */
const RELEASE_NAMESPACE = 'refs/heads/shipit/';

/**
 * Why a release ref cannot be used, or null when it can. Only branches under
 * `shipit/` qualify: `main` would lose commits to the force-push, and a state
 * ref (refs/shipit/<env>/…) would lose the team's records.
 */
export function releaseRefProblem(ref: string): string | null {
  const full = ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
  if (full.startsWith('refs/shipit/')) return `${JSON.stringify(ref)} is where shipit keeps its deploy state`;
  if (!full.startsWith(RELEASE_NAMESPACE) || full.length === RELEASE_NAMESPACE.length) {
    return `expected a branch under shipit/ (e.g. "shipit/production/release"), got ${JSON.stringify(ref)}: shipit force-pushes it`;
  }
  // git check-ref-format's rules, so a bad name fails at config load and not mid-deploy.
  if (/(^|\/)\.|\.\.|[\s~^:?*[\\\x00-\x1f\x7f]|@\{|\/\/|\/$|\.lock(\/|$)|\.$/.test(full)) {
    return `${JSON.stringify(ref)} is not a valid git ref name`;
  }
  return null;
}

const releaseRefSchema = z
  .string()
  .min(1)
  .superRefine((ref, ctx) => {
    const problem = releaseRefProblem(ref);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const configSchema = z.strictObject({
  environment: z
    .string()
    .regex(/^[\w.-]+$/, 'expected letters, digits, "-", "_" or "."')
    .default('production'),
  /** The branch that ships; default: the remote's default branch, else main. */
  branch: z.string().min(1).optional(),
  remote: z.string().min(1).default('origin'),
  concurrency: z.number().int().positive().optional(),
  github: githubSchema.optional(),
  // Entries are validated one by one (see resolve-checks.ts) so errors name the exact entry.
  checks: z.array(z.unknown()).default([]),
  deploy: scriptSchema.optional(),
  rollback: scriptSchema.extend({ run: commandLine.optional(), lock: z.boolean().default(true) }).optional(),
  release: z.strictObject({ ref: releaseRefSchema.optional() }).optional(),
  /** Environment variables whose values are masked in deploy logs and records (besides *TOKEN*, *SECRET*…). */
  secrets: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')).default([]),
});

export type ShipitConfig = z.output<typeof configSchema>;
/** What a config file exports (see `defineConfig`). */
export type ShipitConfigInput = Omit<z.input<typeof configSchema>, 'checks'> & { checks?: CheckEntry[] };
export type ScriptConfig = z.output<typeof scriptSchema>;
export type GitHubConfig = z.output<typeof githubSchema>;
