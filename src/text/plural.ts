/**
 * "1 commit", "3 commits", "1,204 keys": a count and its noun, as everything
 * shipit writes says it. Pass `many` for nouns that do not just take an s.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${grouped(count)} ${count === 1 ? one : many}`;
}

// Whole counts are grouped by hand: the first toLocaleString loads ICU's data, ~30 ms of every `check`.
const grouped = (count: number): string =>
  Number.isSafeInteger(count) ? String(count).replace(/\B(?=(\d{3})+$)/g, ',') : count.toLocaleString('en-US');
