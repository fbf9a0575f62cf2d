/**
 * The one way shipit imports zod: zod/mini, the same validation core as classic zod
 * without the dozens of methods classic builds onto every schema (a third of the
 * bundle, and schema building showed in every command's start-up).
 * zod/mini loads no locale: the English messages of classic zod are set here, once,
 * before any schema parses, so users read the same messages as before.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
