import { pathToFileURL } from 'node:url';

let hooksRegistered = false;

/** Imports a JS or TS module by path (configs and plugin checks). */
export async function importModule(path: string): Promise<Record<string, unknown>> {
  if (/\.[cm]?ts$/.test(path) && !hooksRegistered) {
    const { register } = await import('node:module');
    register(new URL('./ts-hooks.js', import.meta.url));
    hooksRegistered = true;
  }
  return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
}

/** The value a config or plugin module exports: its default export, else the module itself. */
export function exportedValue(module: Record<string, unknown>): unknown {
  return 'default' in module ? module.default : module;
}
