// TypeScript configs and plugins, compiled to ESM by esbuild. esbuild strips
// the types in a few milliseconds (the TypeScript compiler would cost half a
// second), and the output is cached by content, so a run whose config did not
// change does not even start esbuild. Used by the main thread (import-module.ts)
// and by the module hooks (ts-hooks.ts) alike, so both run the same code.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const TYPESCRIPT = /\.[cm]?ts$/;
const CACHE_DIR = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'shipit', 'ts');

/** The ESM code for the TypeScript file at `path`; a syntax error throws `SyntaxError("path:line:col: text")`. */
export async function compileTypeScript(path: string, source: string): Promise<string> {
  // node:crypto loads here, not with the config loader: .mjs and .json configs do not need it.
  const { createHash } = await import('node:crypto');
  const cached = join(CACHE_DIR, `${createHash('sha256').update(`v2\0${path}\0${source}`).digest('hex')}.mjs`);
  return (await readFile(cached, 'utf8').catch(() => null)) ?? (await compile(path, source, cached));
}

async function compile(path: string, source: string, cached: string): Promise<string> {
  const { transform } = await import('esbuild');
  let code: string;
  try {
    ({ code } = await transform(source, {
      loader: 'ts',
      format: 'esm',
      target: 'node20',
      sourcefile: path,
      sourcemap: 'inline',
      // The code may run from a file beside this one (import-module.ts): it still sees its own location.
      define: {
        'import.meta.url': JSON.stringify(pathToFileURL(path).href),
        'import.meta.filename': JSON.stringify(path),
        'import.meta.dirname': JSON.stringify(dirname(path)),
      },
    }));
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { line: number; column: number } }[] }).errors?.[0];
    if (!first) throw error;
    const where = first.location ? `:${first.location.line}:${first.location.column + 1}` : '';
    throw new SyntaxError(`${path}${where}: ${first.text}`);
  }
  // Best effort: a read-only home only costs the next run a compile.
  try {
    await mkdir(CACHE_DIR, { recursive: true });
    const temporary = `${cached}.${process.pid}.tmp`;
    await writeFile(temporary, code);
    await rename(temporary, cached);
  } catch {}
  return code;
}
