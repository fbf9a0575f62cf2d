import * as z from '../validation/zod.js';
import { defineBuiltin } from './define.js';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const time = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time like "09:30"'));
const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like "2026-12-24"'));

const freezeSchema = z.union([date, z.strictObject({ from: date, to: date, reason: z.optional(z.string()) })]);

export const deployWindowCheck = defineBuiltin({
  type: 'deploy-window',
  description: 'allows deploys only on given days and hours in a time zone, and never on freeze dates',
  schema: z.strictObject({
    timezone: z
      ._default(z.string(), 'UTC')
      .check(z.refine(isTimeZone, 'expected an IANA time zone like "Europe/Paris"')),
    days: z._default(z.array(z.enum(DAYS)).check(z.minLength(1)), ['mon', 'tue', 'wed', 'thu', 'fri']),
    hours: z.optional(z.strictObject({ from: time, to: time })),
    freeze: z._default(z.array(freezeSchema), []),
  }),
  create: (options) => async (ctx) => {
    // SHIPIT_NOW lets a team rehearse "would this deploy be allowed on Friday at 17:30?".
    const now = ctx.env.SHIPIT_NOW ? new Date(ctx.env.SHIPIT_NOW) : new Date();
    if (Number.isNaN(now.getTime()))
      return { status: 'fail', summary: `SHIPIT_NOW is not a date: ${ctx.env.SHIPIT_NOW}` };
    const local = localParts(now, options.timezone);
    const where = `${local.weekday} ${local.date} ${local.time} ${options.timezone}`;

    for (const freeze of options.freeze) {
      const range = typeof freeze === 'string' ? { from: freeze, to: freeze, reason: undefined } : freeze;
      if (local.date >= range.from && local.date <= range.to) {
        const span = range.from === range.to ? range.from : `${range.from} to ${range.to}`;
        return {
          status: 'fail',
          summary: `deploy freeze ${span}${range.reason ? `: ${range.reason}` : ''} (now ${where})`,
        };
      }
    }
    if (!options.days.includes(local.weekday)) {
      return {
        status: 'fail',
        summary: `no deploys on ${local.weekday} (allowed: ${options.days.join(', ')}; now ${where})`,
      };
    }
    if (options.hours && !insideHours(local.time, options.hours)) {
      return {
        status: 'fail',
        summary: `outside the deploy window ${options.hours.from}-${options.hours.to} (now ${where})`,
      };
    }
    return { status: 'pass', summary: `inside the deploy window (now ${where})` };
  },
});

/** A window like 22:00-06:00 runs over midnight. */
function insideHours(now: string, hours: { from: string; to: string }): boolean {
  return hours.from <= hours.to ? now >= hours.from && now < hours.to : now >= hours.from || now < hours.to;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function localParts(now: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return {
    weekday: String(parts.weekday).toLowerCase().slice(0, 3) as (typeof DAYS)[number],
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}
