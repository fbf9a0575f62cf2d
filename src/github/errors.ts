import { describeError, type ErrorCode, ShipitError } from '../errors.js';
import { maskSecrets } from '../secrets/mask.js';

/** Thrown by our fetch wrapper for a timeout or a refused connection (see client.ts). */
export class GitHubTransportError extends Error {
  // Named AbortError so octokit passes it through unchanged instead of wrapping it
  // into a retryable 500: a timeout already waited, and a refused connection is a wrong URL.
  override readonly name = 'AbortError';
  readonly response = { headers: {}, data: {} };
  constructor(
    readonly kind: 'timeout' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}

interface Where {
  baseUrl: string;
  repository: string;
  token: string;
  requestTimeoutMs: number;
  /** What a 404 means besides the repository itself, e.g. "deployment 12". */
  notFound?: string;
}

interface HttpLikeError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
  errors?: { type?: string; message?: string }[];
}

const failed = (code: ErrorCode, message: string, hint: string) => new ShipitError(code, message, { hint });

/** One actionable line for anything a GitHub call threw; never contains the token. */
export function toGitHubError(error: unknown, where: Where): ShipitError {
  const mapped = mapError(error, where);
  const scrub = (text: string) => maskSecrets(text, [where.token]);
  return new ShipitError(mapped.code, scrub(mapped.message), {
    hint: mapped.hint && scrub(mapped.hint),
  });
}

function mapError(error: unknown, where: Where): ShipitError {
  if (error instanceof ShipitError) return error;
  if (error instanceof GitHubTransportError) {
    return error.kind === 'timeout'
      ? failed(
          'github-timeout',
          `GitHub API at ${where.baseUrl} did not answer within ${where.requestTimeoutMs / 1000}s`,
          'check the network or the API status, then retry; raise github.requestTimeout for a slow Enterprise server',
        )
      : failed(
          'github-unreachable',
          `cannot reach the GitHub API at ${where.baseUrl}: ${error.message}`,
          'check github.baseUrl / GITHUB_API_URL and the network',
        );
  }
  const http = (error ?? {}) as HttpLikeError;
  const headers = http.response?.headers ?? {};
  const graphqlType = http.errors?.[0]?.type;
  if (http.status === 401) {
    return failed(
      'github-token-rejected',
      'GitHub rejected the token (401 Bad credentials)',
      'check that GITHUB_TOKEN is valid and not expired',
    );
  }
  if (http.status === 404 && where.notFound) {
    return failed(
      'github-not-found',
      `GitHub has no ${where.notFound} in ${where.repository}, or the token cannot read it`,
      'check the id, and that the token can read this repository',
    );
  }
  if (http.status === 404 || graphqlType === 'NOT_FOUND') {
    return failed(
      'github-repository-not-found',
      `GitHub repository ${where.repository} not found, or the token cannot read it`,
      'check github.repository / GITHUB_REPOSITORY and that the token can read this repository (contents, checks, pull requests)',
    );
  }
  const resetsAt = rateLimitReset(http.status, headers, graphqlType);
  if (resetsAt) {
    return failed(
      'github-rate-limited',
      `GitHub API rate limit exhausted; it resets at ${resetsAt.toISOString().slice(11, 19)} UTC (${describeWait(resetsAt)})`,
      'retry after the reset, use a token with a higher limit, or set github.onRateLimit: wait',
    );
  }
  if (http.status === 403) {
    return failed(
      'github-forbidden',
      `GitHub refused the request (403): ${firstLine(http.message)}`,
      "check the token's permissions for this repository",
    );
  }
  if (http.status && http.status >= 500) {
    return failed(
      'github-server-error',
      `GitHub API at ${where.baseUrl} failed with ${http.status} after retries: ${firstLine(http.message)}`,
      'retry later; see https://www.githubstatus.com',
    );
  }
  return failed(
    'github-error',
    `GitHub API error: ${firstLine(describeError(error))}`,
    'retry; if it persists, run with a fresh token',
  );
}

function rateLimitReset(
  status: number | undefined,
  headers: Record<string, string | undefined>,
  graphqlType: string | undefined,
): Date | null {
  const retryAfter = Number(headers['retry-after']);
  if ((status === 403 || status === 429) && Number.isFinite(retryAfter) && headers['retry-after']) {
    return new Date(Date.now() + retryAfter * 1000);
  }
  const limited = headers['x-ratelimit-remaining'] === '0' || graphqlType === 'RATE_LIMITED';
  if (!limited || (status !== 403 && status !== 429 && graphqlType !== 'RATE_LIMITED')) return null;
  const reset = Number(headers['x-ratelimit-reset']);
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : new Date(Date.now() + 60_000);
}

function describeWait(at: Date): string {
  const seconds = Math.max(0, Math.round((at.getTime() - Date.now()) / 1000));
  return seconds < 60 ? `in ${seconds}s` : `in ${Math.round(seconds / 60)}m`;
}

const firstLine = (text: string | undefined) => (text ?? '').trim().split('\n')[0]?.slice(0, 200) || 'no message';
