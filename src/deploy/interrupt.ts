import { describeError, ExitCode, ShipitError } from '../errors.js';
import { onProcessFault } from '../exec/fault-listeners.js';

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
  // A stray error elsewhere in the process stops the work like Ctrl-C, so its bookkeeping still runs.
  const stopListening = onProcessFault((error) => {
    if (!controller.signal.aborted) controller.abort(new Error(`unexpected error: ${describeError(error)}`));
  });
  return {
    signal: controller.signal,
    throwIfInterrupted(what) {
      throwIfAborted(controller.signal, what);
    },
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      stopListening();
    },
  };
}

function interruptedError(what: string): ShipitError {
  return new ShipitError('interrupted', `interrupted ${what}`);
}

export function throwIfAborted(signal: AbortSignal, what: string): void {
  if (signal.aborted) throw interruptedError(what);
}

/**
 * `work`, or the interrupted error as soon as `signal` aborts, whichever comes
 * first. For steps that cannot be cancelled themselves (a plan's git calls, a
 * GitHub request in a rate-limit wait): shipit stops waiting for them at once.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {}); // settles later, unobserved
    return Promise.reject(interruptedError(what));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => {});
      reject(interruptedError(what));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
