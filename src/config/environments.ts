import { configInvalid, ShipitError } from '../errors.js';
import { combineChecks } from './environment-checks.js';
import { OVERRIDABLE_KEYS, type PromoteSettings } from './environment-schema.js';
import type { ShipitConfig } from './schema.js';

const DEFAULT_ENVIRONMENT = 'production';

export interface SelectedEnvironment {
  name: string;
  /** The config as this environment sees it: the block's keys over the shared ones, checks combined. */
  config: ShipitConfig;
  /** Where each entry of `config.checks` is written, for messages. */
  origins: (string | number)[][];
  promote?: PromoteSettings;
}

/** The environments a config defines, in its order; empty for a single-environment config. */
export function definedEnvironments(config: ShipitConfig): string[] {
  return Object.keys(config.environments ?? {});
}

/**
 * Which environment a command acts on: `--env`, else the config's `environment`, else
 * the only one defined, else "production". With `environments`, it must be one of them.
 */
export function environmentName(
  config: ShipitConfig,
  options: { requested?: string; environmentSet: boolean; label: string },
): string {
  const defined = definedEnvironments(config);
  const explicit = options.requested ?? (options.environmentSet ? config.environment : undefined);
  if (defined.length === 0) return explicit ?? config.environment;
  if (explicit !== undefined) {
    if (defined.includes(explicit)) return explicit;
    const where = options.requested !== undefined ? '' : ` (its "environment" key)`;
    throw new ShipitError(
      'unknown-environment',
      `unknown environment ${explicit}${where}: ${options.label} defines ${defined.join(', ')}`,
      { hint: `pass --env ${defined[0]} (or another of them), or add ${explicit} under environments` },
    );
  }
  if (defined.length === 1) return defined[0] as string;
  if (defined.includes(DEFAULT_ENVIRONMENT)) return DEFAULT_ENVIRONMENT;
  throw new ShipitError(
    'environment-required',
    `${options.label} defines ${defined.join(', ')} and none is named ${DEFAULT_ENVIRONMENT}: which one?`,
    { hint: `pass --env ${defined[0]}, or set environment: '${defined[0]}' in the config as the default` },
  );
}

/** The config as environment `name` sees it (a single-environment config is returned as it is). */
export function selectEnvironment(config: ShipitConfig, name: string, label: string): SelectedEnvironment {
  const block = config.environments?.[name];
  if (!block) {
    return { name, config: { ...config, environment: name }, origins: config.checks.map((_, i) => ['checks', i]) };
  }
  const problems = promoteProblems(config);
  const combined = combineChecks(config.checks, block.checks, name);
  problems.push(...combined.problems);
  if (problems.length) throw configInvalid(label, problems);

  const merged: ShipitConfig = { ...config, environment: name, checks: combined.entries };
  for (const key of OVERRIDABLE_KEYS) {
    const value = block[key];
    if (value === undefined) continue;
    // github is merged key by key: staging may set only `environment` and keep the repository.
    Object.assign(merged, { [key]: key === 'github' ? { ...config.github, ...block.github } : value });
  }
  return { name, config: merged, origins: combined.origins, promote: block.promote };
}

/** `promote.from` must name another environment of the config. */
function promoteProblems(config: ShipitConfig): string[] {
  const defined = definedEnvironments(config);
  return Object.entries(config.environments ?? {}).flatMap(([name, block]) => {
    const from = block.promote?.from;
    if (from === undefined || (from !== name && defined.includes(from))) return [];
    const why = from === name ? 'an environment cannot promote from itself' : `defined: ${defined.join(', ')}`;
    return [`environments.${name}.promote.from: ${JSON.stringify(from)} is not another environment (${why})`];
  });
}
