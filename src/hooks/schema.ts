import { durationSchema } from '../time/duration.js';
import * as z from '../validation/zod.js';
import type { HookContext, HookName } from './hook-env.js';

/** An inline hook: only in a JS/TS config. It gets the same facts as a command's `SHIPIT_*` variables. */
export type HookFunction = (context: HookContext) => unknown;

/** A hook as shipit runs it, whatever form the config gave it. */
export interface HookSpec {
  run: string | string[] | HookFunction;
  /** Milliseconds. */
  timeout: number;
  cwd?: string;
  env?: Record<string, string>;
}

/** A hook gets 5 minutes unless its `timeout` says otherwise: long enough for a migration, short of a stuck deploy. */
const DEFAULT_HOOK_TIMEOUT_MS = 5 * 60_000;

const HOOK_SHAPE =
  'expected a command, an argv array, a function (JS/TS configs), { run, timeout, cwd, env } or a list of these';

/**
 * A union's own message says only "invalid input": say instead what is wrong inside the
 * form the value was meant to take (an object's bad `timeout`, a list's bad entry), or what forms there are.
 */
function explainHook(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  // An inner union explained already (a list entry, an object) is not a wrong form: its message is the answer.
  const unexplained = (inner: z.core.$ZodIssue) =>
    inner.code === 'invalid_union' && (inner.message === HOOK_SHAPE || inner.message.startsWith('Invalid input'));
  const wrongForm = (inner: z.core.$ZodIssue) =>
    inner.path.length === 0 && (inner.code === 'invalid_type' || inner.code === 'custom' || unexplained(inner));
  const meant = issue.errors.find((option) => option.length > 0 && !option.every(wrongForm));
  const first = meant?.[0];
  if (!first) return HOOK_SHAPE;
  const where = first.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  return where ? `${where.replace(/^\./, '')}: ${first.message}` : first.message;
}

const commandLine = z.union([
  z.string().check(z.minLength(1)),
  z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
]);
const hookFunction = z.custom<HookFunction>((value) => typeof value === 'function', 'expected a function');

const hookObject = z.strictObject({
  run: z.union([commandLine, hookFunction], { error: 'expected a command, an argv array or a function' }),
  timeout: z._default(durationSchema, DEFAULT_HOOK_TIMEOUT_MS),
  cwd: z.optional(z.string()),
  env: z.optional(z.record(z.string(), z.string())),
});

const hookEntry = z.union([commandLine, hookFunction, hookObject], { error: explainHook });
// An array right under a hook's name is a list (`['./migrate.sh', './warm.sh']`): argv goes one level down.
const hookList = z.union([z.array(hookEntry).check(z.minLength(1)), hookEntry], { error: explainHook });

/** Config `hooks`: commands or functions shipit runs around the deploy and rollback scripts, under the lock. */
export const hooksSchema = z.strictObject({
  beforeDeploy: z.optional(hookList),
  afterDeploy: z.optional(hookList),
  onFailure: z.optional(hookList),
  afterRollback: z.optional(hookList),
});

export type HooksConfig = z.output<typeof hooksSchema>;

/** The hooks configured under one name, in the order they run. */
export function hookSpecs(config: HooksConfig | undefined, name: HookName): HookSpec[] {
  const value = config?.[name];
  if (value === undefined) return [];
  const entries = Array.isArray(value) ? value : [value];
  return entries.map((entry) =>
    typeof entry === 'object' && !Array.isArray(entry) ? entry : { run: entry, timeout: DEFAULT_HOOK_TIMEOUT_MS },
  );
}

/** How a hook reads in a line of output or in the record: its command, or "an inline function". */
export function describeHookRun(run: HookSpec['run']): string {
  if (typeof run === 'function') return 'an inline function';
  return Array.isArray(run) ? `${run.join(' ')} (argv, no shell)` : `sh -c ${JSON.stringify(run)}`;
}
