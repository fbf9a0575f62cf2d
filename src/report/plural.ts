/** "1 commit", "3 commits": English plurals for the words shipit reports with. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
