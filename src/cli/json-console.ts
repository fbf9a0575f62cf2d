import { Console } from 'node:console';

const STDOUT_METHODS = [
  'log',
  'info',
  'debug',
  'dir',
  'dirxml',
  'table',
  'group',
  'groupCollapsed',
  'groupEnd',
] as const;

/**
 * In --json mode stdout carries exactly one JSON object: whatever a config
 * module or check prints with console.log (or .info, .table…) goes to stderr
 * instead. Checks in worker threads have their stdout sent to stderr already
 * (see gate/isolate.ts).
 */
export function routeConsoleToStderr(): void {
  const onStderr = new Console({ stdout: process.stderr, stderr: process.stderr });
  for (const method of STDOUT_METHODS) {
    (console as unknown as Record<string, unknown>)[method] = onStderr[method].bind(onStderr);
  }
}
