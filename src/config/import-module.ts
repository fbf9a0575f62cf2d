import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileTypeScript, TYPESCRIPT } from './ts-compile.js';

let hooksRegistered = false;
const imported = new Map<string, Promise<Record<string, unknown>>>();

/** Imports a JS or TS module by path (configs and plugin checks), once per path like `import` itself. */
export function importModule(path: string): Promise<Record<string, unknown>> {
  let module = imported.get(path);
  if (!module) {
    module = TYPESCRIPT.test(path) ? importTypeScript(path) : importUrl(path);
    imported.set(path, module);
  }
  return module;
}

const importUrl = async (path: string) => (await import(pathToFileURL(path).href)) as Record<string, unknown>;

/**
 * A TS file that imports no other TS file is compiled here and its output
 * imported from a file beside it (so its relative and package imports resolve
 * as its own would): module hooks run in a thread of their own, which costs
 * every start-up about as much as Node's own. Otherwise, the hooks.
 */
async function importTypeScript(path: string): Promise<Record<string, unknown>> {
  if (!hooksRegistered) {
    const code = await compileTypeScript(path, await readFile(path, 'utf8'));
    const { randomBytes } = await import('node:crypto');
    const compiled = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.mjs`);
    // A read-only folder: the hooks need no file.
    const written =
      !importsTypeScript(code) &&
      (await writeFile(compiled, code).then(
        () => true,
        () => false,
      ));
    if (written) {
      try {
        return await importUrl(compiled);
      } catch (error) {
        // A package that ships TypeScript: found only when Node links the module, before any of it ran.
        if ((error as { code?: unknown }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
      } finally {
        await rm(compiled, { force: true });
      }
    }
    const { register } = await import('node:module');
    register(new URL('./ts-hooks.js', import.meta.url));
    hooksRegistered = true;
  }
  return importUrl(path);
}

/** Whether the compiled code names a TS module (`from './x.ts'`, `import('./y.mts')`): those need the hooks. */
function importsTypeScript(code: string): boolean {
  return /(?:\bfrom|\bimport)\s*\(?\s*(["'])[^"']*\.[cm]?ts\1/.test(code);
}

/** The value a config or plugin module exports: its default export, else the module itself. */
export function exportedValue(module: Record<string, unknown>): unknown {
  return 'default' in module ? module.default : module;
}
