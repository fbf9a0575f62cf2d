import type { BuiltinCheck } from '../checks/define.js';
import { builtinChecks } from '../checks/registry.js';
import { durationSchema, MAX_DURATION_MS } from '../time/duration.js';
import * as z from '../validation/zod.js';
import { commonCheckFields, configSchema } from './schema.js';

type JsonSchema = Record<string, unknown>;

// What parseDuration accepts (it trims first). Zero and more than 24 days match but fail at load.
const DURATION_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h|d)\\s*$';

/** A duration as users write it, not the milliseconds it becomes. */
const DURATION_INPUT: JsonSchema = {
  description: 'A duration like "30s", "2m", "1.5h" or "1d" (at most "24d"), or a number of milliseconds',
  anyOf: [
    { type: 'string', pattern: DURATION_PATTERN },
    { type: 'number', exclusiveMinimum: 0, maximum: MAX_DURATION_MS },
  ],
};

/** A built-in entry exactly as resolve-checks.ts validates it: the check's own options plus the common ones. */
function builtinEntrySchema(builtin: BuiltinCheck) {
  return z.safeExtend(builtin.schema, {
    ...commonCheckFields,
    name: z.optional(commonCheckFields.name),
    type: z.literal(builtin.type).check(z.describe(builtin.description)),
  });
}

/**
 * A plugin module with its own options. Like the `PluginEntry` type, its `type` needs a "/"
 * (`./checks/flags.js`, `@acme/shipit-flags`): an editor then flags a misspelt built-in type.
 */
const pluginEntrySchema = z.looseObject({
  ...commonCheckFields,
  name: z.optional(commonCheckFields.name),
  type: z
    .string()
    .check(z.regex(/\//), z.describe('a plugin: a path like "./checks/flags.js" or a scoped npm package')),
});

/**
 * The JSON Schema of a JSON or YAML config, published as `shipit-gate/schema.json`. Inline checks
 * and `evaluate` functions exist only in JS/TS configs, so JSON cannot hold them and the schema refuses them.
 */
export async function configJsonSchema(): Promise<JsonSchema> {
  const builtins = await Promise.all(Object.values(builtinChecks).map((load) => load()));
  const [first, ...rest] = builtins.map((builtin) => builtinEntrySchema(builtin as BuiltinCheck));
  const entry = z.union([z.discriminatedUnion('type', [first!, ...rest]), pluginEntrySchema]);
  const schema = z.extend(configSchema, { checks: z._default(z.array(entry), []) });
  return {
    ...z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'any',
      override: ({ zodSchema, jsonSchema }) => {
        if (zodSchema === durationSchema) replace(jsonSchema, DURATION_INPUT);
        else if (zodSchema._zod.def.type === 'custom') {
          replace(jsonSchema, { description: 'a function: only in a JS/TS config', not: {} });
        }
      },
    }),
    title: 'shipit config',
    description: 'deploy.config.json, .shipitrc.json/.yaml or "shipit" in package.json: see docs/configuration.md',
  };
}

function replace(target: JsonSchema, by: JsonSchema): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, by);
}
