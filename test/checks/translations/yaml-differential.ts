import { parse } from 'yaml';
import { parseSimpleYaml } from '../../../src/checks/translations/simple-yaml.js';

// What the differential tests of the fast YAML reader share: the verdict on
// one input against the `yaml` package, and a seeded generator.

export type Verdict = { input: string; fast: string; full: string };

/** Undefined when the fast reader declines `input` or returns the very tree `yaml` returns. */
export function disagreement(input: string): Verdict | undefined {
  const fast = parseSimpleYaml(input);
  if (fast === undefined) return undefined;
  let full: string;
  try {
    full = JSON.stringify(parse(input));
  } catch (error) {
    full = `error: ${(error as Error).message.split('\n')[0]}`;
  }
  return JSON.stringify(fast) === full ? undefined : { input, fast: JSON.stringify(fast), full };
}

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SEED = Number(process.env.FAST_YAML_SEED ?? 20_260_101);
