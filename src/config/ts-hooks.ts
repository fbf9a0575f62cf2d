// Module hooks that let Node 20 import TypeScript configs and plugins.
// esbuild strips the types in a few milliseconds; loading the TypeScript
// compiler instead would cost half a second on every run.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const TYPESCRIPT = /\.[cm]?ts$/;

interface LoadContext {
  format?: string;
}
type NextLoad = (url: string, context: LoadContext) => Promise<{ format?: string; source?: unknown }>;

export async function load(url: string, context: LoadContext, nextLoad: NextLoad) {
  if (!url.startsWith('file:') || !TYPESCRIPT.test(url)) return nextLoad(url, context);
  const { transform } = await import('esbuild');
  const path = fileURLToPath(url);
  const source = await readFile(path, 'utf8');
  try {
    const { code } = await transform(source, {
      loader: 'ts',
      format: 'esm',
      target: 'node20',
      sourcefile: path,
      sourcemap: 'inline',
    });
    return { format: 'module', source: code, shortCircuit: true };
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { line: number; column: number } }[] }).errors?.[0];
    if (!first) throw error;
    const where = first.location ? `:${first.location.line}:${first.location.column + 1}` : '';
    throw new SyntaxError(`${path}${where}: ${first.text}`);
  }
}
