import { dirname, relative } from 'node:path';
import type { BuiltinSetup } from '../checks/define.js';
import { isBuiltinType } from '../checks/registry.js';
import { configInvalid } from '../errors.js';
import type { Check } from '../gate/contract.js';
import { describeIssue } from '../validation/issues.js';
import type { PromoteSettings } from './environment-schema.js';
import { environmentName, selectEnvironment } from './environments.js';
import { findConfig } from './find-config.js';
import { resolveChecks } from './resolve-checks.js';
import { configSchema, type ShipitConfig } from './schema.js';

export interface LoadedConfig {
  /** Absolute path of the config file. */
  file: string;
  /** The file's name as shown in messages, relative to the working directory. */
  label: string;
  /** The config as the chosen environment sees it (its block's keys over the shared ones). */
  config: ShipitConfig;
  /** The config as written, every environment in it. */
  sharedConfig: ShipitConfig;
  /** The environment chosen: --env, else `environment`, else the only or the production one. */
  environment: string;
  /** Its promotion settings, if its block has some. */
  promote?: PromoteSettings;
  checks: Check[];
  /** The checks of `deploy.verify`, if any. */
  verifyChecks: Check[];
  /** What built-in checks and GitHub calls take from the config: its `github` section and the remote. */
  setup: BuiltinSetup;
}

/** Finds the config from `cwd` up to the repository root (or reads `explicitPath`), validates it, loads its checks. */
export async function loadConfig(options: {
  cwd: string;
  repoRoot: string;
  explicitPath?: string;
  /** --env; validated against the config's `environments`. */
  environment?: string;
}): Promise<LoadedConfig> {
  const { file, raw } = await findConfig(options);
  const label = relative(options.cwd, file) || file;
  // jitless: zod would compile a parser (new Function) to run it once.
  const parsed = configSchema.safeParse(raw ?? {}, { reportInput: true, jitless: true });
  if (!parsed.success) {
    const knownKeys = Object.keys(configSchema.shape);
    throw configInvalid(
      label,
      parsed.error.issues.map((issue) => describeIssue(issue, { knownKeys })),
    );
  }
  const environmentSet = typeof raw === 'object' && raw !== null && 'environment' in raw;
  const name = environmentName(parsed.data, { requested: options.environment, environmentSet, label });
  const selected = selectEnvironment(parsed.data, name, label);
  const { config } = selected;
  // The one place the GitHub client options and the remote are put together: checks, plans,
  // deploys and `status` all take this object.
  const setup: BuiltinSetup = { github: config.github, remote: config.remote };
  const resolved = await resolveChecks(config.checks, {
    configDir: dirname(file),
    label,
    setup,
    origins: selected.origins,
  });
  // The worker finds an isolated check again by its index among the environment's checks.
  const inBlock = config.environments?.[name] ? { environment: name } : {};
  const checks = resolved.map((check, index) =>
    isJsCheck(config.checks[index]) ? { ...check, isolate: { configFile: file, index, ...inBlock } } : check,
  );
  // deploy.verify's checks: the same entries as `checks`, built by the same resolver, validated before any deploy.
  const verifyEntries = config.deploy?.verify?.checks;
  const verifyChecks = verifyEntries
    ? await resolveChecks(verifyEntries, { configDir: dirname(file), label: `${label} (deploy.verify)`, setup })
    : [];
  return {
    file,
    label,
    config,
    sharedConfig: parsed.data,
    environment: name,
    ...(selected.promote ? { promote: selected.promote } : {}),
    checks,
    setup,
    verifyChecks,
  };
}

/** Inline checks and plugins are the team's JS: the gate runs them isolated. Built-ins are shipit's own code. */
function isJsCheck(entry: unknown): boolean {
  const type = (entry as { type?: unknown }).type;
  return typeof type !== 'string' || !isBuiltinType(type);
}
