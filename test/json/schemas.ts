import { readFile } from 'node:fs/promises';
import type { ValidateFunction } from 'ajv';
import { expect } from 'vitest';
import type { CliResult } from '../helpers/cli.js';
import { strictAjv } from './ajv.js';

// The published schemas (docs/schemas/), compiled once per test file, and the one way the
// tests read a --json document: exactly one JSON value on stdout, accepted by its schema.

const SCHEMAS = new URL('../../docs/schemas/', import.meta.url);
export const DOCUMENTS = [
  'check',
  'status',
  'history',
  'lock',
  'unlock',
  'deploy',
  'rollback',
  'adopt',
  'repair',
] as const;
export type Document = (typeof DOCUMENTS)[number];

export async function loadValidators(): Promise<Map<Document, ValidateFunction>> {
  const ajv = strictAjv();
  const read = async (name: string) => JSON.parse(await readFile(new URL(`${name}.schema.json`, SCHEMAS), 'utf8'));
  ajv.addSchema(await read('common'));
  const validators = new Map<Document, ValidateFunction>();
  for (const name of DOCUMENTS) validators.set(name, ajv.compile(await read(name)));
  return validators;
}

/**
 * The document a `--json` run printed, once its exit code is the expected one and its
 * schema accepts it. JSON.parse of the whole stdout fails if anything else was printed there.
 */
export function documentOf(
  validators: Map<Document, ValidateFunction>,
  document: Document,
  result: CliResult,
  exitCode: number,
  // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document, read by the tests' expectations
): any {
  expect(result.exitCode, result.stderr).toBe(exitCode);
  const value = JSON.parse(result.stdout);
  const validate = validators.get(document)!;
  expect(validate(value) ? [] : validate.errors, result.stdout).toEqual([]);
  return value;
}
