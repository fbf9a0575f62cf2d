import type { LocaleFormat } from './locale-path.js';
import { parseSimpleYaml } from './simple-yaml.js';

/** A locale file that cannot be read, with where and why. */
export class LocaleFileError extends Error {}

export async function parseLocaleFile(path: string, format: LocaleFormat, text: string): Promise<unknown> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return format === 'json' ? parseJson(path, body) : parseYaml(path, body);
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const where = position ? ` at line ${lineAt(text, Number(position[1]))}` : '';
    throw new LocaleFileError(`${path}: invalid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}

async function parseYaml(path: string, text: string): Promise<unknown> {
  const simple = parseSimpleYaml(text);
  if (simple) return simple;
  // Loaded only for files the fast path declines: importing it costs startup time.
  const { parse } = await import('yaml');
  try {
    return parse(text, { merge: true });
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new LocaleFileError(`${path}: invalid YAML: ${message}`);
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}
