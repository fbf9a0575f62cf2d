import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describeLocalePath } from '../checks/translations/locale-path.js';

export interface LocaleFolder {
  folder: string;
  /** The glob the translations check reads, relative to the repository root. */
  files: string;
  /** The locale the others are compared with: en when present. */
  source: string;
  locales: string[];
}

// Rails keeps YAML in config/locales; i18next and friends keep JSON in locales/ or public/locales.
const CANDIDATES = [
  { folder: 'config/locales', extension: 'yml' },
  { folder: 'locales', extension: 'json' },
  { folder: 'public/locales', extension: 'json' },
  { folder: 'src/locales', extension: 'json' },
];

/** The locale folders of the repository that hold files naming at least one locale. */
export async function detectLocaleFolders(repoRoot: string): Promise<LocaleFolder[]> {
  const found: LocaleFolder[] = [];
  for (const { folder, extension } of CANDIDATES) {
    const dir = join(repoRoot, folder);
    if (!existsSync(dir)) continue;
    const paths = (await readdir(dir, { recursive: true })).filter((path) => path.endsWith(`.${extension}`));
    const locales = new Set<string>();
    for (const path of paths) {
      const locale = describeLocalePath(relative(repoRoot, join(dir, path)))?.locale;
      if (locale) locales.add(locale);
    }
    if (locales.size === 0) continue;
    const sorted = [...locales].sort();
    const source = locales.has('en') ? 'en' : (sorted[0] as string);
    found.push({ folder, files: `${folder}/**/*.${extension}`, source, locales: sorted });
  }
  return found;
}
