// Build step (after tsc): writes dist/schema.json, published as `shipit-gate/schema.json`.
import { writeFile } from 'node:fs/promises';
import { configJsonSchema } from './json-schema.js';

await writeFile(new URL('../schema.json', import.meta.url), `${JSON.stringify(await configJsonSchema(), null, 2)}\n`);
