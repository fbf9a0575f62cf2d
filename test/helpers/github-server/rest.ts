import type { components } from '@octokit/openapi-types';
import type { GitCommitSpec, Scenario } from './scenario.js';

type Schemas = components['schemas'];

export interface RestAnswer {
  status: number;
  body: unknown;
}

const notFound = (): RestAnswer => ({
  status: 404,
  body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
});

function commitShape(scenario: Scenario, api: string, commit: GitCommitSpec): Schemas['commit'] {
  const url = `${api}/repos/${scenario.repository}/commits/${commit.sha}`;
  const person = { name: commit.authorName, email: commit.authorEmail, date: commit.date };
  return {
    url,
    sha: commit.sha,
    node_id: `C_${commit.sha.slice(0, 10)}`,
    html_url: `https://github.com/${scenario.repository}/commit/${commit.sha}`,
    comments_url: `${url}/comments`,
    commit: {
      url: `${api}/repos/${scenario.repository}/git/commits/${commit.sha}`,
      author: person,
      committer: person,
      message: `${commit.subject}\n\nbody of the commit`,
      comment_count: 0,
      tree: { sha: '0'.repeat(40), url: `${api}/repos/${scenario.repository}/git/trees/${'0'.repeat(40)}` },
    },
    author: null,
    committer: null,
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/repos/${scenario.repository}/commits/${sha}` })),
  };
}

/** GET /repos/{o}/{r}/compare/{base}...{head}: up to 250 commits, or pages with per_page/page like GitHub. */
export function compare(scenario: Scenario, api: string, basehead: string, query: URLSearchParams): RestAnswer {
  const [base = '', head = ''] = decodeURIComponent(basehead).split('...');
  if (!scenario.gitCommits.has(base) || !scenario.gitCommits.has(head)) return notFound();
  const { status, ahead, behindBy } = scenario.compare(base, head);
  const paged = query.has('per_page') || query.has('page');
  const perPage = Math.min(Number(query.get('per_page') ?? 30), 100);
  const page = Number(query.get('page') ?? 1);
  const slice = paged ? ahead.slice((page - 1) * perPage, page * perPage) : ahead.slice(0, 250);
  const baseCommit = commitShape(scenario, api, scenario.gitCommits.get(base) as GitCommitSpec);
  const body: Schemas['commit-comparison'] = {
    url: `${api}/repos/${scenario.repository}/compare/${basehead}`,
    html_url: `https://github.com/${scenario.repository}/compare/${basehead}`,
    permalink_url: `https://github.com/${scenario.repository}/compare/${basehead}`,
    diff_url: `https://github.com/${scenario.repository}/compare/${basehead}.diff`,
    patch_url: `https://github.com/${scenario.repository}/compare/${basehead}.patch`,
    base_commit: baseCommit,
    merge_base_commit: baseCommit,
    status,
    ahead_by: ahead.length,
    behind_by: behindBy,
    total_commits: ahead.length,
    commits: slice.map((commit) => commitShape(scenario, api, commit)),
  };
  return { status: 200, body };
}

/** POST /repos/{o}/{r}/deployments */
export function createDeployment(scenario: Scenario, api: string, input: Record<string, unknown>): RestAnswer {
  const id = scenario.deployments.length + 1;
  const sha = String(input.ref ?? '');
  scenario.deployments.push({
    id,
    sha,
    environment: String(input.environment ?? 'production'),
    description: (input.description as string | undefined) ?? null,
    payload: input.payload,
    autoMerge: input.auto_merge,
    requiredContexts: input.required_contexts,
    statuses: [],
  });
  const url = `${api}/repos/${scenario.repository}/deployments/${id}`;
  const body: Schemas['deployment'] = {
    url,
    id,
    node_id: `DE_${id}`,
    sha,
    ref: sha,
    task: 'deploy',
    payload: (input.payload as Record<string, unknown>) ?? {},
    environment: String(input.environment ?? 'production'),
    description: (input.description as string | undefined) ?? null,
    creator: null,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    statuses_url: `${url}/statuses`,
    repository_url: `${api}/repos/${scenario.repository}`,
  };
  return { status: 201, body };
}

/** POST /repos/{o}/{r}/deployments/{id}/statuses */
export function createDeploymentStatus(
  scenario: Scenario,
  api: string,
  id: number,
  input: Record<string, unknown>,
): RestAnswer {
  const deployment = scenario.deployments.find((candidate) => candidate.id === id);
  if (!deployment) return notFound();
  const state = String(input.state) as Schemas['deployment-status']['state'];
  deployment.statuses.push({
    state,
    logUrl: input.log_url as string | undefined,
    description: input.description as string | undefined,
  });
  const url = `${api}/repos/${scenario.repository}/deployments/${id}`;
  const body: Schemas['deployment-status'] = {
    url: `${url}/statuses/${deployment.statuses.length}`,
    id: deployment.statuses.length,
    node_id: `DES_${id}_${deployment.statuses.length}`,
    state,
    creator: null,
    description: String(input.description ?? ''),
    environment: deployment.environment,
    target_url: String(input.log_url ?? ''),
    log_url: input.log_url as string | undefined,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    deployment_url: url,
    repository_url: `${api}/repos/${scenario.repository}`,
  };
  return { status: 201, body };
}
