// Who wants to hear of a stray rejection or exception anywhere in the process
// (see src/cli/process-faults.ts): work with bookkeeping, such as a deploy, so it
// stops the way Ctrl-C stops it instead of dying with its lock held.

export type FaultListener = (error: unknown) => void;

const listeners = new Set<FaultListener>();

/** Calls `listener` on a stray rejection or exception until the returned function is called. */
export function onProcessFault(listener: FaultListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every listener; false when nobody listens. */
export function notifyFault(error: unknown): boolean {
  for (const listener of listeners) listener(error);
  return listeners.size > 0;
}
