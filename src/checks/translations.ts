import * as z from '../validation/zod.js';
import { defineBuiltin } from './define.js';
import { runTranslationsCheck } from './translations/run-check.js';

const locale = z.string().check(z.minLength(1));

export const translationsCheck = defineBuiltin({
  type: 'translations',
  description: 'compares locale files (Rails YAML, JSON, i18next) at the candidate commit with the source locale',
  schema: z.strictObject({
    files: z.union([z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1))).check(z.minLength(1))]),
    source: z._default(locale, 'en'),
    targets: z.optional(z.array(locale).check(z.minLength(1))),
    allowEmpty: z._default(z.boolean(), false),
    placeholders: z._default(z.enum(['warn', 'fail', 'ignore']), 'warn'),
    stale: z._default(z.enum(['warn', 'ignore']), 'warn'),
    rarePlurals: z._default(z.enum(['warn', 'ignore']), 'warn'),
    scope: z._default(z.enum(['all', 'batch']), 'all'),
    maxListed: z._default(z.number().check(z.int(), z.positive()), 10),
  }),
  create: (options) => (ctx) => runTranslationsCheck(options, ctx),
});
