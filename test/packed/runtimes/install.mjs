// Installs the Node binaries this folder's lock file names, unless node_modules already holds exactly
// those versions: `npm test` runs it first (pretest), so a fresh clone needs no extra step and later
// runs cost nothing.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const readJson = (path) => JSON.parse(readFileSync(`${here}/${path}`, 'utf8'));
const installedVersion = (path) => {
  try {
    return readJson(`${path}/package.json`).version;
  } catch {
    return undefined;
  }
};

const missing = Object.entries(readJson('package-lock.json').packages).filter(
  ([path, entry]) => path && installedVersion(path) !== entry.version,
);
if (missing.length > 0) execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
