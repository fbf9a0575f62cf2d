import { Chalk, type ChalkInstance } from 'chalk';
import type { CheckStatus } from '../gate/contract.js';

/** Colors on a TTY; NO_COLOR turns them off and FORCE_COLOR on (https://no-color.org). */
export function colorEnabled(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '')
    return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export function createChalk(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

export const MARKS: Record<CheckStatus, string> = { pass: '✔', warn: '⚠', fail: '✖', skip: '○' };

export function paintStatus(chalk: ChalkInstance, status: CheckStatus, text: string): string {
  switch (status) {
    case 'pass':
      return chalk.green(text);
    case 'warn':
      return chalk.yellow(text);
    case 'fail':
      return chalk.red(text);
    case 'skip':
      return chalk.gray(text);
  }
}
