import type { CheckContext } from '../../gate/contract.js';
import { GitError } from '../../git/git.js';
import { createGitReader } from '../../git/reader.js';
import { shortSha } from '../../text/sha.js';
import { type FlatLocale, keyAt } from './flatten.js';
import { loadLocales } from './load-locales.js';

export interface BatchScope {
  /** Source keys added or whose text changed since production. */
  changed: Set<string>;
  /** Source keys production had and the candidate no longer has. */
  removed: Set<string>;
  /** Per target locale, its production text of each key whose source text the batch rewords. */
  previous: Map<string, Map<string, string>>;
}

/** What the batch changed in the source locale, or why every key must be compared instead. */
export async function sourceChangesInBatch(
  ctx: CheckContext,
  patterns: string[],
  sourceLocale: string,
  source: FlatLocale,
): Promise<BatchScope | { compareAll: string }> {
  if (!ctx.production) return { compareAll: 'nothing is in production yet, so every key was compared' };
  let production: Map<string, FlatLocale>;
  try {
    const reader = createGitReader(ctx.repoRoot, ctx.production.sha);
    const loaded = await loadLocales(reader, patterns, { cwd: ctx.repoRoot, source: sourceLocale, signal: ctx.signal });
    production = loaded.locales;
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    return {
      compareAll: `production commit ${shortSha(ctx.production.sha)} cannot be read here (${error.message}), so every key was compared`,
    };
  }
  const before = textsByKey(production.get(sourceLocale));
  const now = textsByKey(source);
  const changed = new Set<string>();
  const reworded: string[] = [];
  for (const [key, text] of now) {
    if (before.get(key) === text) continue;
    changed.add(key);
    if (before.has(key)) reworded.push(key);
  }
  const removed = new Set<string>();
  for (const key of before.keys()) if (!now.has(key)) removed.add(key);
  const previous = new Map<string, Map<string, string>>();
  const wanted = new Set(reworded);
  const lastSegments = new Set(reworded.map(lastSegment));
  for (const [locale, flat] of production) {
    if (locale !== sourceLocale) previous.set(locale, textsOf(flat, wanted, lastSegments));
  }
  return { changed, removed, previous };
}

/**
 * The texts a target has for `keys`. Only a key ending as one of them
 * (`lastSegments`) is joined: most batches reword a few keys, and joining
 * every key of fifty targets would build a million strings.
 */
function textsOf(flat: FlatLocale, keys: Set<string>, lastSegments: Set<string>): Map<string, string> {
  const texts = new Map<string, string>();
  if (keys.size === 0) return texts;
  for (let index = 0; index < flat.texts.length; index++) {
    // A leaf ends as its key does: past its last dot, or whole (slice(0) is the leaf itself, not a copy).
    if (!lastSegments.has(lastSegment(flat.leaves[index]!))) continue;
    const key = keyAt(flat, index);
    if (keys.has(key)) texts.set(key, flat.texts[index]!);
  }
  return texts;
}

const lastSegment = (key: string): string => key.slice(key.lastIndexOf('.') + 1);

function textsByKey(flat: FlatLocale | undefined): Map<string, string> {
  const texts = new Map<string, string>();
  if (flat) for (let index = 0; index < flat.texts.length; index++) texts.set(keyAt(flat, index), flat.texts[index]!);
  return texts;
}
