// Module hooks that let Node 20 import TypeScript configs and plugins that
// import other TypeScript files (import-module.ts compiles the others without
// them: this hooks thread alone costs a start-up its own module loader).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compileTypeScript, TYPESCRIPT } from './ts-compile.js';

interface LoadContext {
  format?: string;
}
type NextLoad = (url: string, context: LoadContext) => Promise<{ format?: string; source?: unknown }>;

export async function load(url: string, context: LoadContext, nextLoad: NextLoad) {
  if (!url.startsWith('file:') || !TYPESCRIPT.test(url)) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const code = await compileTypeScript(path, await readFile(path, 'utf8'));
  return { format: 'module', source: code, shortCircuit: true };
}
