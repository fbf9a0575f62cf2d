import type { BuiltinCheckOf, BuiltinType } from '../checks/registry.js';
import type { CheckContext, CheckOutcome } from '../gate/contract.js';
import type * as z from '../validation/zod.js';

/** Settings every check entry accepts. */
export interface CommonEntry {
  name: string;
  title?: string;
  /** A duration like "30s", or milliseconds; default 60s. */
  timeout?: string | number;
  /** `warning` checks never block the gate. Default `blocking`. */
  severity?: 'blocking' | 'warning';
  /** The actions the check guards. Default `['deploy']`. */
  on?: ('deploy' | 'rollback')[];
}

// A built-in's name defaults to its type, so `{ type: 'ci-status' }` is enough.
type EntryOf<C> = C extends { type: infer Type; schema: infer Schema extends z.ZodMiniObject }
  ? Partial<CommonEntry> & { type: Type } & z.input<Schema>
  : never;

/** `{ type: 'command', name: 'tests', run: 'npm test' }`: a built-in check, as plain data. */
export type BuiltinEntry = { [Type in BuiltinType]: EntryOf<BuiltinCheckOf<Type>> }[BuiltinType];

/** A check written in a JS/TS config or a plugin module. */
export interface InlineEntry extends CommonEntry {
  run(ctx: CheckContext): Promise<CheckOutcome> | CheckOutcome;
}

/**
 * `{ type: './checks/flags.ts' }` or a scoped npm package (`@acme/shipit-flags`): a plugin
 * module, with its own options. The `/` keeps built-in types (and their typos) out of this shape.
 */
export interface PluginEntry extends Partial<CommonEntry> {
  type: `${string}/${string}`;
  [option: string]: unknown;
}

export type CheckEntry = BuiltinEntry | InlineEntry | PluginEntry;
