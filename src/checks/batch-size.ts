import type { CheckStatus } from '../gate/contract.js';
import { distinctAuthors } from '../git/author.js';
import { plural } from '../text/plural.js';
import * as z from '../validation/zod.js';
import { defineBuiltin } from './define.js';

const positiveInt = () => z.number().check(z.int(), z.positive());
const thresholds = z.strictObject({ warn: z.optional(positiveInt()), fail: z.optional(positiveInt()) }).check(
  z.refine((value) => value.warn === undefined || value.fail === undefined || value.warn <= value.fail, {
    message: 'warn must not be above fail',
  }),
);

type Thresholds = z.output<typeof thresholds>;

function grade(count: number, limits: Thresholds | undefined): CheckStatus {
  if (limits?.fail !== undefined && count > limits.fail) return 'fail';
  if (limits?.warn !== undefined && count > limits.warn) return 'warn';
  return 'pass';
}

// Smaller, more frequent batches are safer: this check makes a big one visible.
export const batchSizeCheck = defineBuiltin({
  type: 'batch-size',
  description: 'warns or fails when the batch has more commits or distinct authors than a threshold',
  schema: z.strictObject({
    commits: z.optional(thresholds),
    authors: z.optional(thresholds),
  }),
  create: (options) => async (ctx) => {
    const commits = ctx.batch.length;
    const authors = distinctAuthors(ctx.batch);
    const commitStatus = grade(commits, options.commits);
    const authorStatus = grade(authors.length, options.authors);
    const order: CheckStatus[] = ['pass', 'warn', 'fail'];
    const status = order[Math.max(order.indexOf(commitStatus), order.indexOf(authorStatus))] as CheckStatus;
    const limits = [
      commitStatus !== 'pass' ? `commits above ${options.commits?.[commitStatus as 'warn' | 'fail']}` : '',
      authorStatus !== 'pass' ? `authors above ${options.authors?.[authorStatus as 'warn' | 'fail']}` : '',
    ].filter(Boolean);
    const summary = `${plural(commits, 'commit')} by ${plural(authors.length, 'author')}`;
    return {
      status,
      summary: limits.length ? `${summary} (${limits.join(', ')}: deploy smaller batches more often)` : summary,
      details: status === 'pass' ? [] : [`authors: ${authors.join(', ')}`],
    };
  },
});
