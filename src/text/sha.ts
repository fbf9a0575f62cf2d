/**
 * `3f9c2e1`: how shipit shows a commit id to people. Seven characters like git's
 * default, but fixed, so a sha reads the same in every message, record and report.
 */
export const shortSha = (sha: string): string => sha.slice(0, 7);
