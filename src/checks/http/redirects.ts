import { redactUrl } from '../../secrets/mask.js';
import { RequestError } from './request-error.js';

/**
 * What to do with a 3xx answer: `same-origin` follows it within the origin (and from http to
 * https on the same host) and refuses to leave, `any` follows it anywhere, `never` hands the
 * 3xx to the check. A health URL that redirects to an SSO login page answers 200 there: only
 * a refused hop tells that page from the health endpoint.
 */
export type RedirectPolicy = 'same-origin' | 'any' | 'never';

export interface OutgoingRequest {
  url: string;
  label: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Values from the environment: a header holding one is not carried to another origin. */
  secrets: readonly string[];
}

export interface FollowedResponse {
  response: Response;
  /** Every URL redirected to, in order; the last one answered. */
  redirects: string[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;
const CREDENTIALS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** Sends the request and follows redirects one hop at a time, so each hop is judged before it is made. */
export async function fetchFollowing(request: OutgoingRequest, policy: RedirectPolicy): Promise<FollowedResponse> {
  let { url, method, headers, body } = request;
  const redirects: string[] = [];
  for (;;) {
    const response = await fetch(url, { method, headers, body, redirect: 'manual', signal: request.signal });
    const location = response.headers.get('location');
    if (policy === 'never' || !REDIRECTS.has(response.status) || location === null) return { response, redirects };
    await response.body?.cancel();

    const next = new URL(location, url);
    const shown = `${response.status} to ${redactUrl(next.href)}`;
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new RequestError(`${request.label} redirected (${shown}), which is not an http(s) URL`, response.status);
    }
    if (redirects.length === MAX_REDIRECTS) {
      throw new RequestError(`${request.label} redirected more than ${MAX_REDIRECTS} times (last ${shown})`);
    }
    const sameSite = isSameOrigin(new URL(url), next);
    if (!sameSite && policy === 'same-origin') {
      throw new RequestError(
        `${request.label} redirected (${shown}) to another origin, not followed: a login page answers 200 too (followRedirects: 'any' follows it)`,
        response.status,
      );
    }
    // As browsers do: 303, and 301/302 after a POST, become a GET without the body.
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      if (method !== 'HEAD') method = 'GET';
      body = undefined;
      headers = withoutHeaders(headers, (name) => name === 'content-type' || name === 'content-length');
    }
    if (!sameSite) {
      headers = withoutHeaders(
        headers,
        (name, value) => CREDENTIALS.has(name) || request.secrets.some((secret) => value.includes(secret)),
      );
    }
    url = next.href;
    redirects.push(url);
  }
}

/** Same origin, or the same host moving from http to https on the default ports. */
function isSameOrigin(from: URL, to: URL): boolean {
  if (from.origin === to.origin) return true;
  return from.protocol === 'http:' && to.protocol === 'https:' && from.host === to.hostname && !to.port;
}

function withoutHeaders(
  headers: Record<string, string>,
  drop: (name: string, value: string) => boolean,
): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => !drop(name.toLowerCase(), value)));
}
