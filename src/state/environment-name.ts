import { badEnvironmentError } from './state-errors.js';

// The one rule for environment names. The state layer owns it because a name becomes a git ref
// component (refs/shipit/<environment>/lock); the config schema and `--env` both check it here.
// Stricter than git on purpose: a name also appears in messages, file names and SHIPIT_ENVIRONMENT,
// so it starts with a letter or digit and holds only letters, digits, ".", "_" and "-".
const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Why `name` cannot be an environment name, as one line, or null when it can. */
export function environmentNameProblem(name: string): string | null {
  // git refuses ".." anywhere and a component ending in ".lock".
  if (ENVIRONMENT_NAME.test(name) && !name.includes('..') && !name.endsWith('.lock')) return null;
  return `${JSON.stringify(name)} is not a valid environment name: use letters, digits, ".", "_" or "-", starting with a letter or digit, without ".." or a ".lock" ending (for example "production" or "eu-west.staging")`;
}

/** Throws `bad-environment` (exit 2) when `name` breaks the rule: e.g. a bad `--env`. */
export function assertValidEnvironment(name: string): void {
  const problem = environmentNameProblem(name);
  if (problem) throw badEnvironmentError(problem);
}
