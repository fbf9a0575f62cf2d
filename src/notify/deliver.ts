import { setTimeout as sleep } from 'node:timers/promises';
import { safeLine } from '../report/untrusted-text.js';
import { formatDuration } from '../time/duration.js';

/** Waits before the second and third attempts. */
export const RETRY_DELAYS_MS = [500, 1_000] as const;

export interface DeliveryRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** How long one attempt may take. */
  timeoutMs: number;
  /** Attempts in all (1 to 3). */
  attempts: number;
  /** Stops the delivery between or during attempts (the process is leaving). */
  signal?: AbortSignal;
}

/** A delivery that did not get a 2xx: `reason` is one line, without the URL. */
export class DeliveryError extends Error {}

/**
 * POSTs the body, retrying what may pass on a second try (no answer, a timeout, 429, 5xx) with
 * backoff. Redirects are not followed: a signed body must reach the URL the config names, or nothing.
 */
export async function deliver(request: DeliveryRequest): Promise<void> {
  let reason = '';
  let made = 0;
  const attempts = Math.max(1, Math.min(request.attempts, RETRY_DELAYS_MS.length + 1));
  while (made < attempts) {
    if (made > 0) await sleep(RETRY_DELAYS_MS[made - 1], undefined, { signal: request.signal }).catch(() => {});
    if (request.signal?.aborted) break;
    made++;
    const result = await attemptOnce(request);
    if (result.ok) return;
    reason = result.reason;
    if (!result.retry) break;
  }
  if (request.signal?.aborted) throw new DeliveryError('stopped unanswered: shipit is exiting');
  throw new DeliveryError(made === 1 ? reason : `${reason} after ${made} attempts`);
}

async function attemptOnce(
  request: DeliveryRequest,
): Promise<{ ok: true } | { ok: false; reason: string; retry: boolean }> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal,
    });
    const text = await response.text();
    if (response.ok) return { ok: true };
    const said = text.trim() ? ` "${safeLine(text.trim().slice(0, 80))}"` : '';
    const retry = response.status === 429 || response.status >= 500;
    return { ok: false, reason: `HTTP ${response.status}${said}`, retry };
  } catch (error) {
    if (timeout.aborted)
      return { ok: false, reason: `no answer within ${formatDuration(request.timeoutMs)}`, retry: true };
    return { ok: false, reason: describeFetchError(error), retry: true };
  }
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS)',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
};

/** fetch says only "fetch failed": the reason is in its cause. */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code && NETWORK_CODES[cause.code]) return NETWORK_CODES[cause.code] as string;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return safeLine(message);
}
