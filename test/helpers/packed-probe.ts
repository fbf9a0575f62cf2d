import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';

export interface ImportProbe {
  /** How many bundle files were imported. */
  chunks: number;
  /** Bundle files that failed to load, with the error. */
  failedChunks: Record<string, string>;
  /** Packages the bundle imports at run time (not bundled in), that load from where the bundle sits. */
  resolved: string[];
  unresolved: string[];
}

// Runs inside the installed package's dist/bin, so `import(name)` resolves exactly as the bundle's own
// imports do. It imports every chunk (a chunk that cannot load fails here, not in a user's deploy), then
// every package name the bundle imports or requires by name that is not a Node built-in.
const PROBE = `import { readdir, readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';

const here = new URL('./', import.meta.url);
const files = (await readdir(here)).filter((file) => /^(chunk-.*|ts-hooks)\\.js$/.test(file));
const patterns = [
  /\\bimport\\(\\s*["']([^"'./][^"']*)["']\\s*\\)/g,
  /\\brequire\\(\\s*["']([^"'./][^"']*)["']\\s*\\)/g,
  /^\\s*(?:import|export)\\s[^;]*?\\sfrom\\s*["']([^"'./][^"']*)["']/gm,
];
const failedChunks = {};
const names = new Set();
for (const file of files) {
  const text = await readFile(new URL(file, here), 'utf8');
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) names.add(match[1]);
  await import(new URL(file, here).href).catch((error) => {
    failedChunks[file] = String(error);
  });
}
const isBuiltin = (name) => name.startsWith('node:') || builtinModules.includes(name);
const resolved = [];
const unresolved = [];
for (const name of [...names].filter((name) => !isBuiltin(name)).sort()) {
  await import(name).then(() => resolved.push(name), () => unresolved.push(name));
}
console.log(JSON.stringify({ chunks: files.length, failedChunks, resolved, unresolved }));
`;

/** Loads every file of the bundle installed under `projectDir` with `nodeBin`. */
export async function probeBundleImports(projectDir: string, nodeBin: string): Promise<ImportProbe> {
  const binDir = join(projectDir, 'node_modules', 'shipit-gate', 'dist', 'bin');
  const probe = join(binDir, 'probe-imports.mjs');
  await writeFile(probe, PROBE);
  const result = await execa(nodeBin, [probe], { cwd: projectDir });
  return JSON.parse(result.stdout) as ImportProbe;
}
