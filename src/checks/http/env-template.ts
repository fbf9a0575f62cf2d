import { RequestError } from './request-error.js';

// Secrets never sit in the config: a value names the variable that holds them,
// as `Bearer ${env:STATUS_TOKEN}`, and is filled in from the environment at run time.
const ENV_REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface FilledValues {
  values: Record<string, string>;
  /** What came from the environment, to be masked in anything the check prints. */
  secrets: string[];
}

/** Fills every `${env:NAME}` in the values; throws a RequestError naming the first unset variable. */
export function fillFromEnv(
  templates: Record<string, string>,
  env: NodeJS.ProcessEnv,
  where: (key: string) => string,
): FilledValues {
  const values: Record<string, string> = {};
  const secrets: string[] = [];
  for (const [key, template] of Object.entries(templates)) {
    values[key] = template.replace(ENV_REFERENCE, (_, name: string) => {
      const value = env[name];
      if (value === undefined || value === '') {
        throw new RequestError(
          `${where(key)} uses \${env:${name}}, but ${name} is not set: export it before running shipit`,
        );
      }
      secrets.push(value);
      return value;
    });
  }
  return { values, secrets };
}
