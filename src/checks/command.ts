import * as z from '../validation/zod.js';
import { defineBuiltin } from './define.js';

const OUTPUT_LINES = 15;

export const commandCheck = defineBuiltin({
  type: 'command',
  description: 'runs a command; passes on exit code 0 and shows the end of its output otherwise',
  schema: z.strictObject({
    run: z.union([z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1))).check(z.minLength(1))]),
    cwd: z.optional(z.string()),
    env: z.optional(z.record(z.string(), z.string())),
  }),
  create: (options) => async (ctx) => {
    const label = Array.isArray(options.run) ? options.run.join(' ') : options.run;
    const result = await ctx.exec(options.run, { cwd: options.cwd, env: options.env });
    if (result.exitCode === 0) return { status: 'pass', summary: `\`${label}\` exited 0` };
    const tail = result.output.trimEnd().split('\n').slice(-OUTPUT_LINES);
    const why =
      result.exitCode === undefined
        ? 'did not exit'
        : result.exitCode === 127
          ? 'was not found (exit 127)'
          : `exited ${result.exitCode}`;
    return { status: 'fail', summary: `\`${label}\` ${why}`, details: tail.filter((line) => line.trim() !== '') };
  },
});
