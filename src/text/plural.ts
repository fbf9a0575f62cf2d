/**
 * "1 commit", "3 commits", "1,204 keys": a count and its noun, as everything
 * shipit writes says it. Pass `many` for nouns that do not just take an s.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
