import { ExitCode, ShipitError } from '../errors.js';

export interface Interrupt {
  signal: AbortSignal;
  /** Throws the catalogued "interrupted" error when Ctrl-C or SIGTERM came. */
  throwIfInterrupted(what: string): void;
  dispose(): void;
}

/**
 * Turns Ctrl-C and SIGTERM into an abort signal, so a deploy can stop its
 * script, record the deploy as aborted and release its lock before exiting.
 * A second Ctrl-C exits at once.
 */
export function catchInterrupts(onFirst: (signal: NodeJS.Signals) => void): Interrupt {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(ExitCode.interrupted);
    onFirst(signal);
    controller.abort(new Error(`received ${signal}`));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    throwIfInterrupted(what) {
      if (controller.signal.aborted) {
        throw new ShipitError('interrupted', `interrupted ${what}`, { exitCode: ExitCode.interrupted });
      }
    },
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
