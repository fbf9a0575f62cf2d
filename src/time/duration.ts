import * as z from '../validation/zod.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;

/** Parses "500ms", "30s", "2m", "1.5h", "1d"; returns milliseconds or null. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  return Math.round(Number(match[1]) * (UNITS[match[2] as string] as number));
}

/** "1.2s", "850ms", "2m 5s": short and readable in a report column. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes}m ${seconds}s` : `${minutes}m`;
}

const describe = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * The longest duration a timer can wait: Node fires a longer setTimeout after
 * 1 ms instead, so "25d" would kill a deploy script at once. 24 days, rounded down.
 */
export const MAX_DURATION_MS = 24 * 86_400_000;

/** A duration in config: a string like "30s" or a positive number of milliseconds. */
export const durationSchema = z.pipe(
  z.unknown(),
  z.transform((value, ctx) => {
    const ms =
      typeof value === 'number' && Number.isFinite(value) && value > 0
        ? value
        : typeof value === 'string'
          ? parseDuration(value)
          : null;
    if (ms === null || ms <= 0) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `expected a duration like "30s", got ${describe(value)}`,
      });
      return z.NEVER;
    }
    if (ms > MAX_DURATION_MS) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `expected a duration of at most "24d" (${MAX_DURATION_MS} ms: longer timers fire at once), got ${describe(value)}`,
      });
      return z.NEVER;
    }
    return ms;
  }),
);
