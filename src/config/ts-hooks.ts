// Module hooks that let Node 20 import TypeScript configs and plugins.
// esbuild strips the types in a few milliseconds (the TypeScript compiler
// would cost half a second), and the output is cached by content, so a run
// whose config did not change does not even start esbuild.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPESCRIPT = /\.[cm]?ts$/;
const CACHE_DIR = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'shipit', 'ts');

interface LoadContext {
  format?: string;
}
type NextLoad = (url: string, context: LoadContext) => Promise<{ format?: string; source?: unknown }>;

export async function load(url: string, context: LoadContext, nextLoad: NextLoad) {
  if (!url.startsWith('file:') || !TYPESCRIPT.test(url)) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const source = await readFile(path, 'utf8');
  const cached = join(CACHE_DIR, `${createHash('sha256').update(`v1\0${path}\0${source}`).digest('hex')}.mjs`);
  const code = (await readFile(cached, 'utf8').catch(() => null)) ?? (await compile(path, source, cached));
  return { format: 'module', source: code, shortCircuit: true };
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
