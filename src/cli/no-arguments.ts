import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SEARCH_PLACES } from '../config/find-config.js';

/** `shipit` alone: the help, and a pointer to `shipit init` when there is no config here. */
export async function noArgumentsHint(help: string): Promise<string> {
  const cwd = process.cwd();
  const hasConfig = SEARCH_PLACES.some((place) => place !== 'package.json' && existsSync(join(cwd, place)));
  if (hasConfig) return help;
  return `${help}\nNo shipit config in this folder: run \`shipit init\` to write a deploy.config.ts for this repository.\n`;
}
