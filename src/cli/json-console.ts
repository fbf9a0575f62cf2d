import { Console } from 'node:console';
import { routeConsole, STDOUT_METHODS } from '../text/console-routing.js';

/**
 * In --json mode stdout carries exactly one JSON object: whatever a config
 * module or check prints with console.log (or .info, .table…) goes to stderr
 * instead. Checks in worker threads have their stdout sent to stderr already
 * (see gate/isolate.ts).
 */
export function routeConsoleToStderr(): void {
  const onStderr = new Console({ stdout: process.stderr, stderr: process.stderr });
  routeConsole(onStderr, STDOUT_METHODS);
}
