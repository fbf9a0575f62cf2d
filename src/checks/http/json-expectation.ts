import { isDeepStrictEqual } from 'node:util';
import * as z from '../../validation/zod.js';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

const OPERATORS = ['equals', 'notEquals', 'in', 'lessThan', 'greaterThan', 'matches', 'exists'] as const;

/** `{ path: 'status.indicator', equals: 'none' }`: a path into the JSON body and exactly one comparison. */
export const jsonExpectationSchema = z
  .strictObject({
    path: z.string().check(z.minLength(1)),
    equals: z.optional(z.unknown()),
    notEquals: z.optional(z.unknown()),
    in: z.optional(z.array(scalar).check(z.minLength(1))),
    lessThan: z.optional(z.number()),
    greaterThan: z.optional(z.number()),
    matches: z.optional(z.string().check(z.refine(isRegExp, 'expected a valid regular expression'))),
    exists: z.optional(z.boolean()),
  })
  .check(
    z.refine((value) => OPERATORS.filter((operator) => value[operator] !== undefined).length === 1, {
      message: `give exactly one of ${OPERATORS.join(', ')} beside path`,
    }),
  );

export type JsonExpectation = z.output<typeof jsonExpectationSchema>;

const MISSING = Symbol('missing');

/** Reads `a.b[0].c` (or `a.b.0.c`) from a JSON value. */
export function readPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return MISSING;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const show = (value: unknown): string => (value === MISSING ? 'nothing' : JSON.stringify(value));

/** Null when the body meets the expectation, else one line of what was expected and what came back. */
export function findMismatch(body: unknown, expectation: JsonExpectation): string | null {
  const { path } = expectation;
  const actual = readPath(body, path);
  const got = `got ${show(actual)}`;
  if (expectation.exists !== undefined) {
    const exists = actual !== MISSING;
    return exists === expectation.exists
      ? null
      : `expected ${path} ${expectation.exists ? 'to exist' : 'to be absent'}, ${got}`;
  }
  // A path the body lacks fails every comparison: `notEquals: 'down'` must not pass on a body that says nothing.
  const holds = actual !== MISSING && comparisonHolds(actual, expectation);
  return holds ? null : `expected ${path} ${describeComparison(expectation)}, ${got}`;
}

function comparisonHolds(actual: unknown, expectation: JsonExpectation): boolean {
  if (expectation.equals !== undefined) return isDeepStrictEqual(actual, expectation.equals);
  if (expectation.notEquals !== undefined) return !isDeepStrictEqual(actual, expectation.notEquals);
  if (expectation.in !== undefined) return expectation.in.some((allowed) => allowed === actual);
  if (expectation.lessThan !== undefined) return typeof actual === 'number' && actual < expectation.lessThan;
  if (expectation.greaterThan !== undefined) return typeof actual === 'number' && actual > expectation.greaterThan;
  return typeof actual === 'string' && new RegExp(expectation.matches ?? '').test(actual);
}

function describeComparison(expectation: JsonExpectation): string {
  if (expectation.equals !== undefined) return `= ${show(expectation.equals)}`;
  if (expectation.notEquals !== undefined) return `≠ ${show(expectation.notEquals)}`;
  if (expectation.in !== undefined) return `in ${expectation.in.map(show).join(', ')}`;
  if (expectation.lessThan !== undefined) return `< ${expectation.lessThan}`;
  if (expectation.greaterThan !== undefined) return `> ${expectation.greaterThan}`;
  return `to match /${expectation.matches}/`;
}
