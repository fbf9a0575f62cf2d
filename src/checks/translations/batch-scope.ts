import type { CheckContext } from '../../gate/contract.js';
import { GitError } from '../../git/git.js';
import { createGitReader } from '../../git/reader.js';
import { type FlatLocale, keyAt } from './flatten.js';
import { loadLocales } from './load-locales.js';

export interface BatchScope {
  /** Source keys added or whose text changed since production. */
  changed: Set<string>;
  /** Source keys production had and the candidate no longer has. */
  removed: Set<string>;
}

/** What the batch changed in the source locale, or why every key must be compared instead. */
export async function sourceChangesInBatch(
  ctx: CheckContext,
  patterns: string[],
  sourceLocale: string,
  source: FlatLocale,
): Promise<BatchScope | { compareAll: string }> {
  if (!ctx.production) return { compareAll: 'nothing is in production yet, so every key was compared' };
  const shortSha = ctx.production.sha.slice(0, 7);
  let before: Map<string, string>;
  try {
    const reader = createGitReader(ctx.repoRoot, ctx.production.sha);
    const loaded = await loadLocales(reader, patterns, {
      source: sourceLocale,
      only: sourceLocale,
      signal: ctx.signal,
    });
    before = textsByKey(loaded.locales.get(sourceLocale));
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    return {
      compareAll: `production commit ${shortSha} cannot be read here (${error.message}), so every key was compared`,
    };
  }
  const now = textsByKey(source);
  const changed = new Set<string>();
  for (const [key, text] of now) if (before.get(key) !== text) changed.add(key);
  const removed = new Set<string>();
  for (const key of before.keys()) if (!now.has(key)) removed.add(key);
  return { changed, removed };
}

function textsByKey(flat: FlatLocale | undefined): Map<string, string> {
  const texts = new Map<string, string>();
  if (flat) for (let index = 0; index < flat.texts.length; index++) texts.set(keyAt(flat, index), flat.texts[index]!);
  return texts;
}
