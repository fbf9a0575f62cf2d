import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { SEARCH_PLACES } from '../config/find-config.js';

/** The config shipit would load from `cwd`, searching up to `repoRoot` as loadConfig does; null when none. */
export async function findExistingConfig(cwd: string, repoRoot: string): Promise<string | null> {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const place of SEARCH_PLACES) {
      const path = join(dir, place);
      if (!existsSync(path)) continue;
      if (place !== 'package.json' || (await hasShipitKey(path))) return path;
    }
    if (dir === repoRoot || dir === dirname(dir)) return null;
  }
}

async function hasShipitKey(path: string): Promise<boolean> {
  try {
    return 'shipit' in (JSON.parse(await readFile(path, 'utf8')) as object);
  } catch {
    return false;
  }
}
