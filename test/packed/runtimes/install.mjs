// Installs the Node binaries this folder's lock file names, unless node_modules already holds exactly
// those versions: `npm test` runs it first (pretest), so a fresh clone needs no extra step and later
// runs cost nothing. The binaries are Linux x64 builds, like CI's machine: elsewhere it installs nothing
// and says so, rather than failing `npm test` before it starts.
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
if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.warn(
    `test/packed: the Node binaries are linux-x64 builds; on ${process.platform}-${process.arch} the packed tests fail`,
  );
} else if (missing.length > 0) execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
