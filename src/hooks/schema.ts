import * as z from 'zod';
import { durationSchema } from '../time/duration.js';
import type { HookContext } from './hook-env.js';

/** When each hook runs (docs/hooks.md): before a deploy's script, or after a deploy or rollback has its outcome. */
export const HOOK_NAMES = ['beforeDeploy', 'afterDeploy', 'onFailure', 'afterRollback'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

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
export const DEFAULT_HOOK_TIMEOUT_MS = 5 * 60_000;

const commandLine = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const hookFunction = z.custom<HookFunction>((value) => typeof value === 'function', 'expected a function');

const hookObject = z.strictObject({
  run: z.union([commandLine, hookFunction]),
  timeout: durationSchema.default(DEFAULT_HOOK_TIMEOUT_MS),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
});

const hookEntry = z.union([commandLine, hookFunction, hookObject]);
// An array right under a hook's name is a list (`['./migrate.sh', './warm.sh']`): argv goes one level down.
const hookList = z.union([hookEntry, z.array(hookEntry).min(1)]);

/** Config `hooks`: commands or functions shipit runs around the deploy and rollback scripts, under the lock. */
export const hooksSchema = z.strictObject({
  beforeDeploy: hookList.optional(),
  afterDeploy: hookList.optional(),
  onFailure: hookList.optional(),
  afterRollback: hookList.optional(),
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
