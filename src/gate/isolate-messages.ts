import type { CheckContext } from './contract.js';

/** The part of a check's context that crosses to the worker as data. */
export type ContextData = Pick<
  CheckContext,
  'environment' | 'action' | 'repoRoot' | 'candidate' | 'production' | 'batch' | 'excluded' | 'env'
>;

/** From the worker: progress, a call into the main thread's context, or the check's answer. */
export type ToMain =
  | { type: 'progress'; message: string }
  | { type: 'log'; text: string }
  | { type: 'call'; id: number; method: string; args: unknown[] }
  | { type: 'outcome'; value: unknown };

/** To the worker: the answer to a call. (An aborted check's worker is terminated, not told.) */
export type ToWorker =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };
