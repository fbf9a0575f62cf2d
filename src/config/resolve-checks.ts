import { createRequire } from 'node:module';
import { basename, extname, resolve } from 'node:path';
import type { BuiltinCheck, BuiltinSetup, CheckRun } from '../checks/define.js';
import { builtinChecks, isBuiltinType } from '../checks/registry.js';
import { configInvalid, describeError } from '../errors.js';
import type { Action, Check, CheckContext, CheckOutcome, Severity } from '../gate/contract.js';
import { closest, describeIssue } from '../validation/issues.js';
import * as z from '../validation/zod.js';
import { duplicateNames } from './check-names.js';
import { exportedValue, importModule } from './import-module.js';
import { commonCheckFields } from './schema.js';

const DEFAULT_TIMEOUT_MS = 60_000;

interface ResolveOptions {
  configDir: string;
  label: string;
  setup: BuiltinSetup;
  /** Where each entry is written in the config (default ['checks', index]): messages name it. */
  origins?: readonly (string | number)[][];
}

type Common = { name: string; title?: string; timeout?: number; severity: Severity; on: Action[] };

const inlineSchema = z.strictObject({
  ...commonCheckFields,
  run: z.custom<CheckRun>((value) => typeof value === 'function', 'expected a function'),
});
const pluginCommonSchema = z.looseObject({
  ...commonCheckFields,
  name: z.optional(commonCheckFields.name),
  type: z.string(),
});

/** Validates each `checks` entry and turns it into a Check: built-in, inline or plugin. */
export async function resolveChecks(entries: unknown[], options: ResolveOptions): Promise<Check[]> {
  const problems: string[] = [];
  const checks: (Check | undefined)[] = await Promise.all(
    entries.map(async (entry, index) => {
      try {
        return await resolveEntry(entry, index, options);
      } catch (error) {
        problems.push(
          ...(error instanceof EntryError
            ? error.problems
            : [`${formatOrigin(originOf(index, options))}: ${describeError(error)}`]),
        );
        return undefined;
      }
    }),
  );
  problems.push(...duplicateNames(entries, checks));
  if (problems.length) throw configInvalid(options.label, problems);
  return checks as Check[];
}

function originOf(index: number, options: ResolveOptions): (string | number)[] {
  return options.origins?.[index] ?? ['checks', index];
}

/** `environments.staging.checks[0]` from its path. */
function formatOrigin(path: readonly (string | number)[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

async function resolveEntry(entry: unknown, index: number, options: ResolveOptions): Promise<Check> {
  const basePath = originOf(index, options);
  const at = formatOrigin(basePath);
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new EntryError([`${at}: expected a check object like { type: 'command', name: 'tests', run: 'npm test' }`]);
  }
  const record = entry as Record<string, unknown>;
  const parse = <T>(schema: z.ZodMiniType<T>, value: unknown, knownKeys: string[]): T => {
    const result = schema.safeParse(value, { reportInput: true });
    if (!result.success)
      throw new EntryError(result.error.issues.map((issue) => describeIssue(issue, { basePath, knownKeys })));
    return result.data;
  };

  if (record.type === undefined) {
    // A command line with no type is a command check missing its type: say the exact fix.
    if (typeof record.run === 'string' || Array.isArray(record.run)) {
      throw new EntryError([`${at}: needs "type": "command" to run ${JSON.stringify(record.run)} as a check`]);
    }
    if (typeof record.run !== 'function') {
      throw new EntryError([
        `${at}: needs a "type" (a built-in like "command", or a plugin path) or, in a JS/TS config, a run(ctx) function`,
      ]);
    }
    const inline = parse(inlineSchema, record, Object.keys(inlineSchema.shape));
    return toCheck(inline, inline.run, 'inline check');
  }
  if (typeof record.type !== 'string')
    throw new EntryError([`${at}.type: expected a string, got ${JSON.stringify(record.type)}`]);

  if (isBuiltinType(record.type)) {
    const builtin: BuiltinCheck = await builtinChecks[record.type]();
    // A built-in check is named after its type unless it says otherwise: `{ type: 'ci-status' }` is "ci-status".
    const schema = z.safeExtend(builtin.schema, {
      ...commonCheckFields,
      name: z._default(commonCheckFields.name, builtin.type),
      type: z.literal(builtin.type),
    });
    const parsed = parse(schema, record, Object.keys(schema.shape)) as Common & Record<string, unknown>;
    const { name, title, timeout, severity, on, type: _type, ...settings } = parsed;
    return toCheck(
      { name, title, timeout, severity, on },
      builtin.create(settings, options.setup),
      `${builtin.type}: ${builtin.description}`,
    );
  }
  return loadPlugin(record, at, options, parse);
}

async function loadPlugin(
  record: Record<string, unknown>,
  at: string,
  options: ResolveOptions,
  parse: <T>(schema: z.ZodMiniType<T>, value: unknown, knownKeys: string[]) => T,
): Promise<Check> {
  const type = record.type as string;
  const path = locatePlugin(type, options.configDir);
  if (!path) {
    const suggestion = closest(type, Object.keys(builtinChecks));
    throw new EntryError([
      `${at}.type: unknown check type "${type}"` +
        (suggestion ? ` (did you mean "${suggestion}"?)` : '') +
        `; built-in types are ${Object.keys(builtinChecks).join(', ')}, or name a plugin file like "./checks/my-check.ts"`,
    ]);
  }
  const { name, title, timeout, severity, on, type: _type, ...settings } = parse(pluginCommonSchema, record, []);
  let exported: unknown;
  try {
    exported = exportedValue(await importModule(path));
  } catch (error) {
    throw new EntryError([`${at}.type: plugin "${type}" failed to load: ${describeError(error)}`]);
  }
  const plugin = typeof exported === 'function' ? await (exported as (o: unknown) => unknown)(settings) : exported;
  if (typeof plugin !== 'object' || plugin === null || typeof (plugin as { run?: unknown }).run !== 'function') {
    throw new EntryError([
      `${at}.type: plugin "${type}" must export (as default) a check { name, run(ctx) } or a function (options) => check`,
    ]);
  }
  const pluginCheck = plugin as { name?: string; title?: string; run: CheckRun };
  const checkName = name ?? pluginCheck.name ?? basename(type, extname(type));
  return toCheck(
    { name: checkName, title: title ?? pluginCheck.title, timeout, severity, on },
    (ctx) => pluginCheck.run(ctx),
    `plugin ${type}`,
  );
}

/** A relative or absolute path to a file, or an npm package resolvable from the config's folder. */
function locatePlugin(type: string, configDir: string): string | null {
  if (type.startsWith('.') || type.startsWith('/')) {
    const path = resolve(configDir, type);
    try {
      return createRequire(resolve(configDir, 'noop.js')).resolve(path);
    } catch {
      return null;
    }
  }
  try {
    return createRequire(resolve(configDir, 'noop.js')).resolve(type);
  } catch {
    return null;
  }
}

function toCheck(
  common: Omit<Common, 'name'> & { name: string },
  run: (ctx: CheckContext) => Promise<CheckOutcome> | CheckOutcome,
  kind: string,
): Check {
  return {
    name: common.name,
    title: common.title,
    kind,
    timeoutMs: common.timeout ?? DEFAULT_TIMEOUT_MS,
    severity: common.severity,
    on: common.on,
    run,
  };
}

class EntryError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}
