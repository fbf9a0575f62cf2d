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
  /** Passes a deploy script's output through: stdout, or stderr in --json mode. */
  echo(chunk: Buffer): void;
}

/** Set once a reader of stdout went away (`shipit deploy | head`). */
let stdoutClosed = false;
let guarded = false;

/**
 * A closed pipe on stdout (EPIPE) must not crash shipit mid-deploy: the lock
 * would stay and the record would stay `running`. Output stops; the work does not.
 */
function guardStdout(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', () => {
    stdoutClosed = true;
  });
}

function writeStdout(text: string | Buffer): void {
  if (!stdoutClosed) process.stdout.write(text);
}

export function createOutput(options: { json?: boolean } = {}): Output {
  const color = colorEnabled(process.stdout);
  const chalk = createChalk(color);
  const json = Boolean(options.json);
  guardStdout();
  return {
    json,
    color,
    chalk,
    interactive: Boolean(process.stderr.isTTY && process.stdin.isTTY) && process.env.CI !== 'true',
    print(text = '') {
      if (!json) writeStdout(text.endsWith('\n') ? text : `${text}\n`);
    },
    info(text) {
      if (!json) process.stderr.write(`${text}\n`);
    },
    printJson(value) {
      writeStdout(`${safeJson(value)}\n`);
    },
    echo(chunk) {
      if (json) process.stderr.write(chunk);
      else writeStdout(chunk);
    },
  };
}
