import { git } from './git.js';

export interface GitVersion {
  major: number;
  minor: number;
  patch: number;
}

/** Git features shipit uses when present, by the version that introduced them. */
const FEATURES = {
  /** `git merge-tree --write-tree`: a real merge without a work tree or index. */
  'merge-tree-write-tree': { major: 2, minor: 38, patch: 0 },
  /** `git merge-tree --write-tree --merge-base=<commit>`: the caller picks the base. */
  'merge-tree-merge-base': { major: 2, minor: 40, patch: 0 },
} as const satisfies Record<string, GitVersion>;

export type GitFeature = keyof typeof FEATURES;

/** Reads "git version 2.39.5", "2.37.1 (Apple Git-137.1)" or "2.44.0.windows.1"; null when unrecognised. */
export function parseGitVersion(output: string): GitVersion | null {
  const match = /git version (\d+)\.(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0) };
}

export function isAtLeast(version: GitVersion, wanted: GitVersion): boolean {
  if (version.major !== wanted.major) return version.major > wanted.major;
  if (version.minor !== wanted.minor) return version.minor > wanted.minor;
  return version.patch >= wanted.patch;
}

const formatGitVersion = (version: GitVersion): string => `${version.major}.${version.minor}.${version.patch}`;

// One git binary per process: ask it once.
let installed: Promise<GitVersion | null> | undefined;

/** The installed git's version, or null when `git --version` says something unexpected. */
function gitVersion(cwd: string): Promise<GitVersion | null> {
  installed ??= git(['--version'], { cwd }).then(parseGitVersion);
  return installed;
}

/** Whether the installed git has `feature`; an unrecognised version counts as too old. */
export async function gitSupports(cwd: string, feature: GitFeature): Promise<boolean> {
  const version = await gitVersion(cwd);
  return version !== null && isAtLeast(version, FEATURES[feature]);
}

/** The version a feature needs, for error messages ("needs git >= 2.38"). */
export const versionNeededFor = (feature: GitFeature): string => formatGitVersion(FEATURES[feature]);
