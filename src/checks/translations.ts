import * as z from 'zod';
import { defineBuiltin } from './define.js';
import { runTranslationsCheck } from './translations/run-check.js';

const locale = z.string().min(1);

export const translationsCheck = defineBuiltin({
  type: 'translations',
  description: 'compares locale files (Rails YAML, JSON, i18next) at the candidate commit with the source locale',
  schema: z.strictObject({
    files: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    source: locale.default('en'),
    targets: z.array(locale).min(1).optional(),
    allowEmpty: z.boolean().default(false),
    placeholders: z.enum(['warn', 'fail', 'ignore']).default('warn'),
    stale: z.enum(['warn', 'ignore']).default('warn'),
    rarePlurals: z.enum(['warn', 'ignore']).default('warn'),
    scope: z.enum(['all', 'batch']).default('all'),
    maxListed: z.number().int().positive().default(10),
  }),
  create: (options) => (ctx) => runTranslationsCheck(options, ctx),
});
