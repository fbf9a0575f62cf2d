import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { describeError, ShipitError } from '../errors.js';
import { exportedValue, importModule } from './import-module.js';

// Finding and reading the config file; load.ts validates what it holds.

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

const JS_MODULE = /\.[cm]?[jt]s$/;
const JSON_FILE = /\.json$/;
const importLoader = async (path: string) => exportedValue(await importModule(path));

/** The config file from `cwd` up to the repository root (or `explicitPath`), and what it exports. */
export async function findConfig(options: { cwd: string; repoRoot: string; explicitPath?: string }) {
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
 * A JS, TS or JSON config loads without cosmiconfig (loading it and its JSON and YAML parsers costs
 * about a fifth of Node's own start-up): it is imported, or parsed, all the same. What only cosmiconfig
 * knows (YAML, package.json, empty files, `$import`, the wording of a JSON syntax error) is left to it: null.
 */
async function readModule(path: string): Promise<{ filepath: string; config: unknown } | null> {
  const json = JSON_FILE.test(path) && basename(path) !== 'package.json';
  if (!(JS_MODULE.test(path) || json)) return null;
  const text = await readFile(path, 'utf8');
  if (text.trim() === '') return null;
  const config = json ? parseJsonObject(text) : await importLoader(path);
  const empty = config === undefined || (typeof config === 'object' && config !== null && '$import' in config);
  return empty ? null : { filepath: path, config };
}

/** The JSON text's object, or undefined for anything else (a syntax error: cosmiconfig words it). */
function parseJsonObject(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
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
