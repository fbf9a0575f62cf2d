import type { Octokit } from '@octokit/rest';
import { ShipitError } from '../errors.js';
import { GitHubTransportError, toGitHubError } from './errors.js';
import { resolveRepository } from './repository.js';
import { findGitHubToken, hostOfApi, noTokenError } from './token.js';

const PUBLIC_API = 'https://api.github.com';
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** The `github` config section (config/schema.ts validates it against this shape). */
export interface GitHubSettings {
  repository?: string;
  baseUrl?: string;
  onRateLimit?: 'fail' | 'wait';
  /** Milliseconds. */
  requestTimeout?: number;
  logUrl?: string;
  /** The GitHub deployment environment; default: the shipit environment's name. */
  environment?: string;
}

/** What reaching GitHub takes: the `github` config section, if any, and the remote that names the repository. */
export interface GitHubSetup {
  github: GitHubSettings | undefined;
  remote: string;
}

export interface GitHub {
  octokit: Octokit;
  owner: string;
  repo: string;
  baseUrl: string;
  /** Runs a GitHub call and turns whatever it throws into one actionable ShipitError. */
  call<T>(request: () => Promise<T>, options?: { notFound?: string }): Promise<T>;
}

export interface GitHubContext {
  repoRoot: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

const clients = new Map<string, Promise<GitHub>>();

/** The one GitHub client of the process for these settings; octokit is loaded on first use only. */
export async function getGitHub(setup: GitHubSetup, ctx: GitHubContext): Promise<GitHub> {
  const settings = setup.github ?? {};
  const baseUrl = (settings.baseUrl || ctx.env.GITHUB_API_URL || PUBLIC_API).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(baseUrl)) {
    throw new ShipitError(
      'github-base-url-invalid',
      `github.baseUrl: expected an http(s) URL, got ${JSON.stringify(baseUrl)}`,
      {
        hint: 'use https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise',
      },
    );
  }
  const token = await findGitHubToken(ctx.env, hostOfApi(baseUrl));
  if (!token) throw noTokenError();
  const { owner, repo } = await resolveRepository(settings.repository, ctx.env, ctx.repoRoot, setup.remote);
  const requestTimeoutMs = settings.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const waitOnRateLimit = settings.onRateLimit === 'wait';
  const key = JSON.stringify([baseUrl, owner, repo, token, requestTimeoutMs, waitOnRateLimit]);
  let client = clients.get(key);
  if (!client) {
    client = createClient({ baseUrl, owner, repo, token, requestTimeoutMs, waitOnRateLimit });
    client.catch(() => clients.delete(key));
    clients.set(key, client);
  }
  return client;
}

interface ClientOptions {
  baseUrl: string;
  owner: string;
  repo: string;
  token: string;
  requestTimeoutMs: number;
  waitOnRateLimit: boolean;
}

async function createClient(options: ClientOptions): Promise<GitHub> {
  const [{ Octokit: RestOctokit }, { throttling }, { retry }] = await Promise.all([
    import('@octokit/rest'),
    import('@octokit/plugin-throttling'),
    import('@octokit/plugin-retry'),
  ]);
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  // Wait for one reset at most, and only when told to: a gate that silently
  // sleeps for an hour is worse than one that says when to come back.
  const onLimit = (_retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) =>
    options.waitOnRateLimit && retryCount < 1;
  const octokit = new (RestOctokit.plugin(throttling, retry))({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: 'shipit-gate',
    log: quiet,
    request: { fetch: fetchWithTimeout(options.requestTimeoutMs) },
    throttle: { onRateLimit: onLimit, onSecondaryRateLimit: onLimit, write: UNSPACED as never },
    // 429 is the throttling plugin's to decide; 5xx are retried twice, quickly.
    retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451], retries: 2, retryAfterBaseValue: 500 },
  }) as unknown as Octokit;
  const where = {
    baseUrl: options.baseUrl,
    repository: `${options.owner}/${options.repo}`,
    token: options.token,
    requestTimeoutMs: options.requestTimeoutMs,
  };
  return {
    octokit,
    owner: options.owner,
    repo: options.repo,
    baseUrl: options.baseUrl,
    async call(request, callOptions = {}) {
      try {
        return await request();
      } catch (error) {
        throw toGitHubError(error, { ...where, ...callOptions });
      }
    },
  };
}

// The throttling plugin spaces every POST by a second, GraphQL reads included: a
// 500-commit batch (5 queries) would take 5 s. GitHub asks that spacing for
// content-creating writes; ours are one deployment and its statuses at a deploy's
// pace. Concurrency limits and rate-limit handling stay the plugin's.
const UNSPACED = { key: () => ({ schedule: (_options: unknown, task: () => Promise<unknown>) => task() }) };

function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await fetch(input, { ...init, signal });
    } catch (error) {
      if (init?.signal?.aborted) throw error;
      if (timeout.aborted) throw new GitHubTransportError('timeout', 'timed out');
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new GitHubTransportError('unreachable', cause?.code ?? cause?.message ?? String(error));
    }
  };
}
