import type { ChalkInstance } from 'chalk';
import { colorEnabled, createChalk } from '../report/style.js';
import { safeJson } from '../report/untrusted-text.js';

/** Where a command prints: stdout for its result, stderr for progress and errors. */
export interface Output {
  json: boolean;
  color: boolean;
  chalk: ChalkInstance;
  /** Whether a person is watching (spinners, prompts). */
  interactive: boolean;
  /** Prints the command's human result on stdout (nothing in --json mode). */
  print(text?: string): void;
  /** Prints progress for people on stderr. */
  info(text: string): void;
  /** Prints the one JSON object of --json mode. */
  printJson(value: unknown): void;
}

export function createOutput(options: { json?: boolean } = {}): Output {
  const color = colorEnabled(process.stdout);
  const chalk = createChalk(color);
  const json = Boolean(options.json);
  return {
    json,
    color,
    chalk,
    interactive: Boolean(process.stderr.isTTY && process.stdin.isTTY) && process.env.CI !== 'true',
    print(text = '') {
      if (!json) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    info(text) {
      if (!json) process.stderr.write(`${text}\n`);
    },
    printJson(value) {
      process.stdout.write(`${safeJson(value)}\n`);
    },
  };
}
