import { describeFileProblem, type FileProblem } from './file-problems.js';
import { readFlatYaml } from './flat-yaml.js';
import type { DuplicateKey } from './full-yaml.js';
import { linePieces } from './line-pieces.js';
import type { LocaleFormat } from './locale-path.js';
import { parseSimpleYaml } from './simple-yaml.js';

/** A locale file that cannot be read, with where and why. */
export class LocaleFileError extends Error {
  constructor(readonly problem: FileProblem) {
    super(describeFileProblem(problem));
  }
}

export interface ParsedLocaleFile {
  document: unknown;
  /** Keys a YAML mapping repeats: the last value wins, as in Rails. */
  duplicates: DuplicateKey[];
}

/**
 * A locale file, from its bytes as git gives them or from a text (tests). The
 * fast reader takes a YAML file's bytes in pieces; the file is decoded whole
 * only for JSON, or when the fast reader declines it.
 */
export async function parseLocaleFile(
  path: string,
  format: LocaleFormat,
  file: Buffer | string,
): Promise<ParsedLocaleFile> {
  if (format === 'yaml') {
    // Flat keys when the file allows, else a tree: from the fast reader, else from `yaml`.
    const flat = readFlatYaml(typeof file === 'string' ? withoutBom(file) : linePieces(file));
    if (flat !== undefined) return { document: flat, duplicates: [] };
  }
  const text = withoutBom(typeof file === 'string' ? file : file.toString('utf8'));
  if (format === 'json') return { document: parseJson(path, text), duplicates: [] };
  const simple = parseSimpleYaml(text);
  return simple === undefined ? parseYaml(path, text) : { document: simple, duplicates: [] };
}

const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    throw new LocaleFileError({
      path,
      ...(position ? { line: lineAt(text, Number(position[1])) } : {}),
      kind: 'invalid JSON',
      message: message.replace(/ in JSON at position \d+.*$/, ''),
    });
  }
}

async function parseYaml(path: string, text: string): Promise<ParsedLocaleFile> {
  // Loaded only for files the fast path declines: importing it costs startup time.
  const { parseFullYaml, YamlSyntaxError } = await import('./full-yaml.js');
  try {
    return parseFullYaml(text);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    const line = error.line === undefined ? {} : { line: error.line };
    throw new LocaleFileError({ path, ...line, kind: 'invalid YAML', message: error.message });
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}
