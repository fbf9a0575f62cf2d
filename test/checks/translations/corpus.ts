import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const LOCALES = 'devise-i18n/rails/locales';

/**
 * The shared real-world corpora: `<repo>/../shared/corpora` (as in CI), or
 * SHIPIT_CORPORA, or /work/shared/corpora for a worktree nested deeper. A
 * missing corpus fails the test, loudly: skipping would pass CI on nothing.
 */
function corporaDir(): string {
  const candidates = [process.env.SHIPIT_CORPORA, resolve(REPO_ROOT, '../shared/corpora'), '/work/shared/corpora'];
  const found = candidates.find((dir) => dir && existsSync(join(dir, LOCALES)));
  if (!found) {
    throw new Error(
      `the real-world corpus is missing: expected ${LOCALES} in ${resolve(REPO_ROOT, '../shared/corpora')} (or set SHIPIT_CORPORA)`,
    );
  }
  return found;
}

/** The 72 devise-i18n Rails locale files, file name -> text. */
export async function deviseLocales(): Promise<Map<string, string>> {
  const dir = join(corporaDir(), LOCALES);
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yml')).sort();
  if (names.length < 70) throw new Error(`expected the 72 devise-i18n locale files in ${dir}, found ${names.length}`);
  return new Map(
    await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')] as const)),
  );
}
