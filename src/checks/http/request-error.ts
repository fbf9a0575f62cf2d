/**
 * A request that could not give the check its answer: unreachable, refused, not
 * JSON, an unexpected status. Its message is the one line the report shows.
 */
export class RequestError extends Error {
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** How long the server asked to wait before trying again (429, 503), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, status?: number, retryAfterMs?: number) {
    super(message);
    this.name = 'RequestError';
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

export const isRequestError = (error: unknown): error is RequestError => error instanceof RequestError;
