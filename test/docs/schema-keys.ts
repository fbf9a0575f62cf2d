import * as z from '../../src/validation/zod.js';

/** A setting a user can write in a config: its dotted path and whether it sits at the top of its schema. */
export interface SchemaKey {
  path: string;
  key: string;
  nested: boolean;
}

/** The schemas a value may take, seen through optional, default, transform, union and array wrappers. */
function objectsIn(schema: z.ZodMiniType): z.ZodMiniObject[] {
  if (schema instanceof z.ZodMiniObject) return [schema];
  if (
    schema instanceof z.ZodMiniOptional ||
    schema instanceof z.ZodMiniNullable ||
    schema instanceof z.ZodMiniDefault ||
    schema instanceof z.ZodMiniPrefault
  )
    return objectsIn(schema.def.innerType as z.ZodMiniType);
  if (schema instanceof z.ZodMiniPipe)
    return [...objectsIn(schema.def.in as z.ZodMiniType), ...objectsIn(schema.def.out as z.ZodMiniType)];
  if (schema instanceof z.ZodMiniUnion) return (schema.def.options as z.ZodMiniType[]).flatMap(objectsIn);
  if (schema instanceof z.ZodMiniArray) return objectsIn(schema.def.element as z.ZodMiniType);
  // Records (`env`, `headers`) hold the user's own names, not settings; scalars hold none.
  return [];
}

/** Every key of an object schema and of the objects nested in it, e.g. `hours.from`, `json.path`. */
export function schemaKeys(schema: z.ZodMiniType, prefix = ''): SchemaKey[] {
  const keys = new Map<string, SchemaKey>();
  for (const object of objectsIn(schema)) {
    for (const [key, value] of Object.entries(object.shape)) {
      const path = prefix ? `${prefix}.${key}` : key;
      keys.set(path, { path, key, nested: prefix !== '' });
      for (const inner of schemaKeys(value as z.ZodMiniType, path)) keys.set(inner.path, inner);
    }
  }
  return [...keys.values()];
}
