import type { Author } from './objects.js';
import type { StateRefs } from './state-refs.js';

/** What the lock and the history operations share: one ref each, and the store's plumbing. */
export interface StoreDeps {
  cwd: string;
  environment: string;
  ref: string;
  refs: StateRefs;
  holder(): Promise<{ user: string; host: string; author: Author }>;
  ensureFresh(): Promise<void>;
  /** Secret values masked in every record and log before it is written. */
  secrets: readonly string[];
}
