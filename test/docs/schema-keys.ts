import * as z from 'zod';

/** A setting a user can write in a config: its dotted path and whether it sits at the top of its schema. */
export interface SchemaKey {
  path: string;
  key: string;
  nested: boolean;
}

/** The schemas a value may take, seen through optional, default, transform, union and array wrappers. */
function objectsIn(schema: z.ZodType): z.ZodObject[] {
  if (schema instanceof z.ZodObject) return [schema];
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable)
    return objectsIn(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) return objectsIn(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodPipe) return [...objectsIn(schema.in as z.ZodType), ...objectsIn(schema.out as z.ZodType)];
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap(objectsIn);
  if (schema instanceof z.ZodArray) return objectsIn(schema.element as z.ZodType);
  // Records (`env`, `headers`) hold the user's own names, not settings; scalars hold none.
  return [];
}

/** Every key of an object schema and of the objects nested in it, e.g. `hours.from`, `json.path`. */
export function schemaKeys(schema: z.ZodType, prefix = ''): SchemaKey[] {
  const keys = new Map<string, SchemaKey>();
  for (const object of objectsIn(schema)) {
    for (const [key, value] of Object.entries(object.shape)) {
      const path = prefix ? `${prefix}.${key}` : key;
      keys.set(path, { path, key, nested: prefix !== '' });
      for (const inner of schemaKeys(value as z.ZodType, path)) keys.set(inner.path, inner);
    }
  }
  return [...keys.values()];
}
