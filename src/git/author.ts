// Who wrote a commit, by one rule for everything that counts or lists authors
// (the gate report, --json, the dry run, `status`, the batch-size check), so a
// person is one author everywhere, however their commits spell them.

/** The author fields of a commit, as git or GitHub's compare API gives them. */
export interface Authored {
  authorName: string;
  authorEmail: string;
}

/** `123+login@users.noreply.github.com` and the older `login@users.noreply.github.com` are one account. */
const GITHUB_NOREPLY = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/;

/**
 * The identity of a commit's author: the email, lower-cased (no mail system
 * tells `Ann@Example.com` from `ann@example.com`), with GitHub's two forms of
 * noreply address made one; the name, lower-cased, only when there is no email.
 * Names are not the key: two people can share one, and one person's name is
 * spelled differently across machines. One person's several addresses are
 * joined by the repository's .mailmap, which git applies when reading commits.
 */
export function authorKey(commit: Authored): string {
  const email = commit.authorEmail.trim().toLowerCase();
  if (!email) return `name:${commit.authorName.trim().toLowerCase()}`;
  const login = GITHUB_NOREPLY.exec(email)?.[1];
  return login ? `${login}@users.noreply.github.com` : email;
}

/** One name per author, as their first commit in `commits` (newest first) gives it. */
export function distinctAuthors(commits: readonly Authored[]): string[] {
  const names = new Map<string, string>();
  for (const commit of commits) {
    const key = authorKey(commit);
    if (!names.has(key)) names.set(key, commit.authorName.trim() || commit.authorEmail.trim());
  }
  return [...names.values()];
}
