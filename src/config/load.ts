import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { BuiltinSetup } from '../checks/define.js';
import { isBuiltinType } from '../checks/registry.js';
import { configInvalid, describeError, ShipitError } from '../errors.js';
import type { Check } from '../gate/contract.js';
import { describeIssue } from '../validation/issues.js';
import type { PromoteSettings } from './environment-schema.js';
import { environmentName, selectEnvironment } from './environments.js';
import { exportedValue, importModule } from './import-module.js';
import { resolveChecks } from './resolve-checks.js';
import { configSchema, type ShipitConfig } from './schema.js';

export const SEARCH_PLACES = [
  'deploy.config.ts',
  'deploy.config.mts',
  'deploy.config.js',
  'deploy.config.mjs',
  'deploy.config.cjs',
  'deploy.config.json',
  'deploy.config.yaml',
  'deploy.config.yml',
  '.shipitrc',
  '.shipitrc.json',
  '.shipitrc.yaml',
  '.shipitrc.yml',
  '.shipitrc.ts',
  '.shipitrc.mjs',
  '.shipitrc.js',
  '.shipitrc.cjs',
  'package.json',
];

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

const JS_MODULE = /\.[cm]?[jt]s$/;
const importLoader = async (path: string) => exportedValue(await importModule(path));

/** Finds the config from `cwd` up to the repository root (or reads `explicitPath`), validates it, loads its checks. */
export async function loadConfig(options: {
  cwd: string;
  repoRoot: string;
  explicitPath?: string;
  /** --env; validated against the config's `environments`. */
  environment?: string;
}): Promise<LoadedConfig> {
  const { file, raw } = await findAndRead(options);
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

async function findAndRead(options: { cwd: string; repoRoot: string; explicitPath?: string }) {
  let explorer: Awaited<ReturnType<typeof createExplorer>> | undefined;
  const cosmiconfig = async () => {
    explorer ??= await createExplorer();
    return explorer;
  };
  const read = async (load: () => Promise<{ filepath: string; config: unknown } | null>, file: () => string) => {
    try {
      return await load();
    } catch (error) {
      const label = relative(options.cwd, file()) || file();
      const needsPackage = /Cannot find (package|module) 'shipit-gate'/.test(describeError(error));
      throw new ShipitError('config-unreadable', `${label}: ${loadFailure(error, options.cwd)}`, {
        hint: needsPackage
          ? 'install it in the project (npm i -D shipit-gate), or export a plain object without defineConfig'
          : 'fix the error in the config file (run with --verbose for the stack trace)',
        cause: error,
      });
    }
  };

  if (options.explicitPath) {
    const path = resolve(options.cwd, options.explicitPath);
    if (!existsSync(path)) {
      throw new ShipitError('config-not-found', `--config ${options.explicitPath}: no such file`, {
        hint: 'check the path, or drop --config to search for deploy.config.ts',
      });
    }
    const result = await read(
      async () => (await readModule(path)) ?? (await cosmiconfig()).load(path),
      () => path,
    );
    return { file: path, raw: result?.config };
  }

  // Walk up from the working directory, stopping at the repository root.
  for (let dir = resolve(options.cwd); ; dir = dirname(dir)) {
    const result = await read(
      async () => {
        const first = firstPresent(dir);
        return (first !== dir && (await readModule(first))) || (await cosmiconfig()).search(dir);
      },
      () => firstPresent(dir),
    );
    if (result) return { file: result.filepath, raw: result.config };
    if (dir === options.repoRoot || dir === dirname(dir)) break;
  }
  throw new ShipitError(
    'config-not-found',
    `no shipit config found (looked for deploy.config.ts, .shipitrc* and "shipit" in package.json from ${options.cwd} up to ${options.repoRoot})`,
    { hint: 'run `shipit init` to write one, or pass --config <path>' },
  );
}

async function createExplorer() {
  // cosmiconfig is CommonJS: its named exports sit on `default` once bundled.
  const module = await import('cosmiconfig');
  const { cosmiconfig, defaultLoaders } =
    'cosmiconfig' in module ? module : (module as { default: typeof module }).default;
  return cosmiconfig('shipit', {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'none',
    cache: false,
    loaders: {
      ...defaultLoaders,
      '.ts': importLoader,
      '.mts': importLoader,
      '.cts': importLoader,
      '.js': importLoader,
      '.mjs': importLoader,
      '.cjs': importLoader,
    },
  });
}

/**
 * A JS or TS config loads without cosmiconfig (loading it costs about a tenth of Node's own start-up):
 * it is imported all the same. What only cosmiconfig knows (JSON, YAML,
 * package.json, empty files, `$import`) is left to it: null.
 */
async function readModule(path: string): Promise<{ filepath: string; config: unknown } | null> {
  if (!JS_MODULE.test(path) || (await readFile(path, 'utf8')).trim() === '') return null;
  const config = await importLoader(path);
  const empty = config === undefined || (typeof config === 'object' && config !== null && '$import' in config);
  return empty ? null : { filepath: path, config };
}

/** The config file cosmiconfig was reading in `dir` when it failed: the first one present. */
function firstPresent(dir: string): string {
  const place = SEARCH_PLACES.find((name) => existsSync(join(dir, name)));
  return place ? join(dir, place) : dir;
}

function loadFailure(error: unknown, cwd: string): string {
  const message = describeError(error);
  if (!(error instanceof SyntaxError)) return `failed to load: ${message}`;
  // The TS hook reports `/abs/path:line:col: text`; show the position relative to the working directory.
  const located = /^(\/[^:]+)(:\d+:\d+): (.*)$/s.exec(message);
  return located
    ? `syntax error at ${relative(cwd, located[1] as string)}${located[2]}: ${located[3]}`
    : `syntax error: ${message}`;
}
