import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { executeGraphql } from './graphql.js';
import { compare, createDeployment, createDeploymentStatus, type RestAnswer } from './rest.js';
import { checkRuns, combinedStatus } from './rest-ci.js';
import { branchProtectionChecks, branchRules } from './rest-rules.js';
import {
  type BranchRulesSpec,
  type CommitSpec,
  type GitCommitSpec,
  type PullRequestSpec,
  Scenario,
} from './scenario.js';

export type {
  BranchRulesSpec,
  CheckRunSpec,
  CommitSpec,
  GitCommitSpec,
  PullRequestSpec,
} from './scenario.js';

/** What the next matching requests get instead of a normal answer. */
export type Fault = { status: number; headers?: Record<string, string>; body?: unknown } | { hang: true };

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

/**
 * A fake GitHub API on 127.0.0.1 at a random port: REST (compare, deployments)
 * and GraphQL executed against GitHub's real schema, with per-test scenarios
 * and injectable latency, errors, rate limits and hangs.
 */
export class GitHubServer {
  readonly scenario = new Scenario();
  readonly requests: RecordedRequest[] = [];
  latencyMs = 0;
  private readonly faults: { fault: Fault; times: number; match?: (request: RecordedRequest) => boolean }[] = [];
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly server: Server,
    readonly url: string,
  ) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get token(): string {
    return this.scenario.token;
  }

  get repository(): string {
    return this.scenario.repository;
  }

  setCommit(sha: string, spec: CommitSpec): this {
    this.scenario.commits.set(sha, spec);
    return this;
  }

  setPullRequest(spec: PullRequestSpec): this {
    this.scenario.pullRequests.set(spec.number, spec);
    return this;
  }

  /** What the branch's protection and rulesets require. */
  setBranchRules(branch: string, spec: BranchRulesSpec): this {
    this.scenario.branchRules.set(branch, spec);
    return this;
  }

  /** Git history for the compare API, as `listCommits` gives it (newest first). */
  addHistory(commitsNewestFirst: GitCommitSpec[]): this {
    for (const commit of [...commitsNewestFirst].reverse()) this.scenario.gitCommits.set(commit.sha, commit);
    return this;
  }

  get deployments() {
    return this.scenario.deployments;
  }

  /** The next `times` requests (matching `match`, if given) get `fault`. */
  failNext(fault: Fault, times = 1, match?: (request: RecordedRequest) => boolean): this {
    this.faults.push({ fault, times, match });
    return this;
  }

  /** GitHub's primary limit: 403 with x-ratelimit-remaining 0 and the reset epoch. */
  rateLimitNext(resetInSeconds: number, times = 1): this {
    const reset = String(Math.ceil(Date.now() / 1000) + resetInSeconds);
    return this.failNext(
      {
        status: 403,
        headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
        body: {
          message: 'API rate limit exceeded for user ID 1.',
          documentation_url: 'https://docs.github.com/rest/rate-limit',
        },
      },
      times,
    );
  }

  /** GitHub's secondary limit: 429 with retry-after. */
  secondaryRateLimitNext(retryAfterSeconds: number, times = 1): this {
    return this.failNext(
      {
        status: 429,
        headers: { 'retry-after': String(retryAfterSeconds) },
        body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
      },
      times,
    );
  }

  resetCounts(): void {
    this.requests.length = 0;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** @internal */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', this.url);
    const recorded = {
      method: request.method ?? 'GET',
      path: url.pathname + url.search,
      authorization: request.headers.authorization,
      body: Buffer.concat(chunks).toString(),
    };
    this.requests.push(recorded);
    if (this.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const index = this.faults.findIndex((entry) => !entry.match || entry.match(recorded));
    const entry = this.faults[index];
    if (entry) {
      if (--entry.times <= 0) this.faults.splice(index, 1);
      if ('hang' in entry.fault) return;
      return send(response, entry.fault.status, entry.fault.body ?? { message: 'Server Error' }, entry.fault.headers);
    }
    const auth = /^(?:token|bearer) (.+)$/i.exec(recorded.authorization ?? '');
    if (auth?.[1] !== this.scenario.token) {
      return send(response, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    }
    const answer = await this.route(recorded.method, url, recorded.body);
    send(response, answer.status, answer.body);
  }

  private async route(method: string, url: URL, body: string): Promise<RestAnswer> {
    // Enterprise serves REST under /api/v3 and GraphQL at /api/graphql.
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '').replace(/^\/api\/graphql$/, '/graphql');
    const api = this.url;
    const input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    if (method === 'POST' && path === '/graphql')
      return { status: 200, body: await executeGraphql(this.scenario, input) };
    const repoPath = /^\/repos\/([^/]+\/[^/]+)(\/.*)$/.exec(path);
    if (!repoPath || repoPath[1] !== this.scenario.repository) return { status: 404, body: { message: 'Not Found' } };
    const rest = repoPath[2] as string;
    const compareMatch = /^\/compare\/(.+)$/.exec(rest);
    if (method === 'GET' && compareMatch)
      return compare(this.scenario, api, compareMatch[1] as string, url.searchParams);
    if (method === 'POST' && rest === '/deployments') return createDeployment(this.scenario, api, input);
    const perCommit = /^\/commits\/([0-9a-f]{40})\/(check-runs|status)$/.exec(rest);
    if (method === 'GET' && perCommit) {
      const sha = perCommit[1] as string;
      return perCommit[2] === 'status' ? combinedStatus(this.scenario, api, sha) : checkRuns(this.scenario, api, sha);
    }
    const protection = /^\/branches\/(.+)\/protection\/required_status_checks$/.exec(rest);
    if (method === 'GET' && protection)
      return branchProtectionChecks(this.scenario, api, decodeURIComponent(protection[1] as string));
    const rules = /^\/rules\/branches\/(.+)$/.exec(rest);
    if (method === 'GET' && rules) return branchRules(this.scenario, decodeURIComponent(rules[1] as string));
    const statusMatch = /^\/deployments\/(\d+)\/statuses$/.exec(rest);
    if (method === 'POST' && statusMatch)
      return createDeploymentStatus(this.scenario, api, Number(statusMatch[1]), input);
    return { status: 404, body: { message: 'Not Found' } };
  }
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** Starts a fake GitHub on 127.0.0.1 at a random port. */
export async function startGitHubServer(): Promise<GitHubServer> {
  let github: GitHubServer | undefined;
  const server = createServer((request, response) => {
    github?.handle(request, response).catch((error: unknown) => send(response, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  github = new GitHubServer(server, `http://127.0.0.1:${port}`);
  return github;
}
