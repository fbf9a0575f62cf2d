// The one list of console methods, for the two places that take the console
// over: --json (stdout must hold only the JSON) and check workers (all output
// travels to the main thread).

/** The console methods that print to stdout. */
export const STDOUT_METHODS = [
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

/** The console methods that print to stderr. */
export const STDERR_METHODS = ['warn', 'error', 'trace'] as const;

type ConsoleMethod = (typeof STDOUT_METHODS)[number] | (typeof STDERR_METHODS)[number];

/** Makes each of `methods` of the global console print through `target` instead. */
export function routeConsole(target: Console, methods: readonly ConsoleMethod[]): void {
  for (const method of methods) {
    (console as unknown as Record<string, unknown>)[method] = target[method].bind(target);
  }
}
