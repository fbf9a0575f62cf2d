import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const found = new Map<string, string>();

/**
 * The path of a script shipit starts as its own process or thread (the
 * supervisor, the check worker), given as "exec/supervisor". Bundled, it sits
 * beside the calling chunk in dist/bin; built by tsc, beside the caller in
 * dist/<folder>; run from source (tests), the built copy in dist/<folder>.
 */
export function companionScript(name: string): string {
  const cached = found.get(name);
  if (cached) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, `${basename(name)}.js`),
    join(here, '..', `${name}.js`),
    join(here, '..', '..', 'dist', `${name}.js`),
  ];
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) throw new Error(`shipit is not built: ${name}.js is missing (run \`npm run build\`)`);
  found.set(name, path);
  return path;
}
