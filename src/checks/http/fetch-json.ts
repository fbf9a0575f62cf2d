import { maskSecrets } from '../../secrets/mask.js';
import { fetchFollowing, type RedirectPolicy } from './redirects.js';
import { isRequestError, RequestError } from './request-error.js';

export interface HttpRequest {
  url: string;
  /** The URL as the report shows it: without credentials or filled-in secrets. */
  label: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Which redirects to follow; `any` by default (see RedirectPolicy). */
  redirects?: RedirectPolicy;
  signal: AbortSignal;
  /** Values filled in from the environment: masked in every message. */
  secrets?: string[];
}

export interface HttpResponse {
  status: number;
  statusText: string;
  /** The URL that answered, after redirects. */
  url: string;
  /** Every URL redirected to, in order; empty when the first one answered. */
  redirects: string[];
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

const SNIPPET_LENGTH = 160;

/** Sends the request; throws a RequestError saying why when no answer came back. */
export async function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  try {
    const { response, redirects } = await fetchFollowing(
      {
        url: request.url,
        label: request.label,
        method: request.method ?? 'GET',
        headers: request.headers ?? {},
        body: request.body,
        signal: request.signal,
        secrets: request.secrets ?? [],
      },
      request.redirects ?? 'any',
    );
    const text = await response.text();
    return {
      status: response.status,
      statusText: response.statusText,
      url: redirects.at(-1) ?? request.url,
      redirects,
      headers: response.headers,
      text,
      json: parseJson(text, response.headers.get('content-type')),
    };
  } catch (error) {
    if (isRequestError(error)) throw error;
    throw new RequestError(`cannot reach ${request.label}: ${describeFetchFailure(error, request.signal)}`);
  }
}

/** GETs a JSON document; any status but 2xx, or a body that is not JSON, is a RequestError. */
export async function fetchJson(request: HttpRequest): Promise<unknown> {
  const response = await sendRequest({ ...request, headers: { accept: 'application/json', ...request.headers } });
  if (response.status < 200 || response.status > 299) {
    const message = `${request.label} answered ${describeStatus(response)}`;
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    throw new RequestError(maskSecrets(message, request.secrets ?? []), response.status, retryAfter);
  }
  if (response.json === undefined) {
    const message = `${request.label} did not answer JSON: ${describeBody(response)}`;
    throw new RequestError(maskSecrets(message, request.secrets ?? []), response.status);
  }
  return response.json;
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date (RFC 9110). */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export const describeStatus = (response: HttpResponse): string =>
  [response.status, response.statusText].filter(Boolean).join(' ') +
  (response.text.trim() ? `: ${snippet(response.text)}` : '');

export function describeBody(response: HttpResponse): string {
  const type = response.headers.get('content-type')?.split(';')[0] ?? 'no content type';
  return response.text.trim() ? `${type}, ${JSON.stringify(snippet(response.text))}` : `${type}, empty body`;
}

const snippet = (text: string): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SNIPPET_LENGTH ? `${line.slice(0, SNIPPET_LENGTH)}…` : line;
};

function parseJson(text: string, contentType: string | null): unknown {
  const looksLikeJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(text);
  if (!looksLikeJson || !text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'the response body stopped arriving',
};

/** One short phrase for why fetch rejected: undici hides the reason in `cause`. */
export function describeFetchFailure(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    return reason?.name === 'TimeoutError' ? 'no answer before the check timed out' : 'the check was stopped';
  }
  const cause = (error as { cause?: unknown }).cause ?? error;
  const code = errorCode(cause);
  if (code && NETWORK_CODES[code]) return NETWORK_CODES[code];
  if (code && /CERT|SSL|TLS|SELF_SIGNED|VERIFY/.test(code)) return `TLS certificate problem (${code})`;
  const message = cause instanceof Error ? cause.message : String(cause);
  return code ? `${message} (${code})` : message;
}

function errorCode(error: unknown): string | undefined {
  const value = error as { code?: unknown; errors?: unknown[] } | undefined;
  if (typeof value?.code === 'string') return value.code;
  // Several addresses tried (IPv6 then IPv4): they failed alike, the first one says why.
  if (Array.isArray(value?.errors)) return errorCode(value.errors[0]);
  return undefined;
}
