// ci-status + pull-requests on batches of 10, 100 and 500 commits against the fake
// GitHub with 50 ms latency per request, against a naive client that makes two
// REST requests per commit (check runs + combined status; PRs not even counted).
import { type GitHub, getGitHub } from '../src/github/client.js';
import { checkContext, fakeCommit, githubEnv, runCheck, setup } from '../test/github/support.js';
import { startGitHubServer } from '../test/helpers/github-server/index.js';

const LATENCY_MS = 50;
const NAIVE_CONCURRENCY = 10;

async function naive(gh: GitHub, shas: string[]): Promise<void> {
  const queue = shas.flatMap((sha) =>
    [`/check-runs?per_page=100`, '/status'].map((path) => `GET /repos/{owner}/{repo}/commits/${sha}${path}`),
  );
  const worker = async () => {
    for (let route = queue.shift(); route; route = queue.shift()) {
      await gh.octokit.request(route, { owner: gh.owner, repo: gh.repo });
    }
  };
  await Promise.all(Array.from({ length: NAIVE_CONCURRENCY }, worker));
}

async function measure(size: number) {
  const server = await startGitHubServer();
  try {
    const env = githubEnv(server);
    const seed = (count: number) =>
      Array.from({ length: count }, (_, i) => {
        const commit = fakeCommit();
        server.setPullRequest({ number: i + 1, labels: ['qa-ok'] });
        server.setCommit(commit.sha, {
          checkRuns: [{ name: 'build' }, { name: 'test' }, { name: 'lint' }],
          statuses: [{ context: 'ci/legacy', state: 'success' }],
          pullRequests: [i + 1],
        });
        return commit;
      });
    // Warm up: octokit's import and the server's schema build are not what is measured.
    const warm = checkContext({ batch: seed(2), env });
    await runCheck('ci-status', {}, warm);
    const batch = seed(size);
    server.latencyMs = LATENCY_MS;
    server.resetCounts();
    const ctx = checkContext({ batch, env });
    let started = performance.now();
    const outcomes = await Promise.all([runCheck('ci-status', {}, ctx), runCheck('pull-requests', {}, ctx)]);
    const shipitMs = performance.now() - started;
    const shipitRequests = server.requests.length;
    if (outcomes.some((outcome) => outcome.status !== 'pass'))
      throw new Error(`unexpected outcome: ${JSON.stringify(outcomes)}`);
    server.resetCounts();
    const gh = await getGitHub(setup, { repoRoot: process.cwd(), env });
    started = performance.now();
    await naive(
      gh,
      batch.map((commit) => commit.sha),
    );
    const naiveMs = performance.now() - started;
    return { size, shipitRequests, shipitMs, naiveRequests: server.requests.length, naiveMs };
  } finally {
    await server.close();
  }
}

const rows = [];
for (const size of [10, 100, 500]) rows.push(await measure(size));
console.log(
  `latency ${LATENCY_MS} ms per request; naive: 2 REST requests per commit, ${NAIVE_CONCURRENCY} at a time\n`,
);
console.log('commits | requests (goal) | wall time | naive requests | naive wall | requests ratio | time ratio');
for (const row of rows) {
  const goal = Math.ceil(row.size / 100) + 3;
  console.log(
    [
      String(row.size).padStart(7),
      `${row.shipitRequests} (<= ${goal})`.padStart(15),
      `${row.shipitMs.toFixed(0)} ms`.padStart(9),
      String(row.naiveRequests).padStart(14),
      `${row.naiveMs.toFixed(0)} ms`.padStart(10),
      `${(row.naiveRequests / row.shipitRequests).toFixed(1)}x fewer`.padStart(14),
      `${(row.naiveMs / row.shipitMs).toFixed(1)}x faster`.padStart(10),
    ].join(' | '),
  );
}
const largest = rows.at(-1);
const ok =
  rows.every((row) => row.shipitRequests <= Math.ceil(row.size / 100) + 3) && (largest?.shipitMs ?? Infinity) < 1500;
console.log(`\ngoal (<= ceil(N/100)+3 requests, 500 commits under 1.5 s): ${ok ? 'met' : 'NOT met'}`);
