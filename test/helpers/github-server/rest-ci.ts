import type { components } from '@octokit/openapi-types';
import type { RestAnswer } from './rest.js';
import type { CheckRunSpec, Scenario } from './scenario.js';

// The per-commit REST endpoints: what a naive client calls once per commit (the benchmark's baseline).

type Schemas = components['schemas'];

/** GET /repos/{o}/{r}/commits/{sha}/check-runs */
export function checkRuns(scenario: Scenario, api: string, sha: string): RestAnswer {
  const runs = scenario.commits.get(sha)?.checkRuns ?? [];
  const check_runs = runs.map((run, i): Schemas['check-run'] => {
    const id = run.id ?? i + 1;
    const status =
      run.status === 'completed' || run.status === undefined
        ? 'completed'
        : run.status === 'in_progress'
          ? 'in_progress'
          : 'queued';
    return {
      id,
      head_sha: sha,
      node_id: `CR_${id}`,
      external_id: null,
      url: `${api}/repos/${scenario.repository}/check-runs/${id}`,
      html_url: `https://github.com/${scenario.repository}/runs/${id}`,
      details_url: run.detailsUrl ?? null,
      status,
      conclusion: status === 'completed' ? restConclusion(run.conclusion) : null,
      started_at: run.startedAt ?? null,
      completed_at: null,
      output: { title: null, summary: null, text: null, annotations_count: 0, annotations_url: '' },
      name: run.name,
      check_suite: { id: 1 },
      app: null,
      pull_requests: [],
    };
  });
  return { status: 200, body: { total_count: check_runs.length, check_runs } };
}

// The REST schema predates startup_failure and stale; GitHub reports them there as failure.
function restConclusion(conclusion: CheckRunSpec['conclusion']): Schemas['check-run']['conclusion'] {
  return conclusion === 'startup_failure' || conclusion === 'stale' ? 'failure' : (conclusion ?? 'success');
}

/** GET /repos/{o}/{r}/commits/{sha}/status */
export function combinedStatus(scenario: Scenario, api: string, sha: string): RestAnswer {
  const statuses = (scenario.commits.get(sha)?.statuses ?? []).map((status, i): Schemas['simple-commit-status'] => ({
    id: i + 1,
    node_id: `SC_${i + 1}`,
    state: status.state,
    context: status.context,
    description: null,
    target_url: status.targetUrl ?? null,
    avatar_url: null,
    url: `${api}/repos/${scenario.repository}/statuses/${sha}`,
    created_at: status.createdAt ?? '2026-01-01T00:00:00Z',
    updated_at: status.createdAt ?? '2026-01-01T00:00:00Z',
  }));
  const state = statuses.some((status) => status.state !== 'success') ? 'pending' : 'success';
  const body: Schemas['combined-commit-status'] = {
    state,
    statuses,
    sha,
    total_count: statuses.length,
    repository: minimalRepository(scenario, api),
    commit_url: `${api}/repos/${scenario.repository}/commits/${sha}`,
    url: `${api}/repos/${scenario.repository}/commits/${sha}/status`,
  };
  return { status: 200, body };
}

function minimalRepository(scenario: Scenario, api: string): Schemas['minimal-repository'] {
  const [owner = '', name = ''] = scenario.repository.split('/');
  const url = `${api}/repos/${scenario.repository}`;
  const link = (path: string) => `${url}/${path}`;
  return {
    id: 1,
    node_id: 'R_1',
    name,
    full_name: scenario.repository,
    owner: simpleUser(api, owner),
    private: true,
    html_url: `https://github.com/${scenario.repository}`,
    description: null,
    fork: false,
    url,
    archive_url: link('{archive_format}{/ref}'),
    assignees_url: link('assignees{/user}'),
    blobs_url: link('git/blobs{/sha}'),
    branches_url: link('branches{/branch}'),
    collaborators_url: link('collaborators{/collaborator}'),
    comments_url: link('comments{/number}'),
    commits_url: link('commits{/sha}'),
    compare_url: link('compare/{base}...{head}'),
    contents_url: link('contents/{+path}'),
    contributors_url: link('contributors'),
    deployments_url: link('deployments'),
    downloads_url: link('downloads'),
    events_url: link('events'),
    forks_url: link('forks'),
    git_commits_url: link('git/commits{/sha}'),
    git_refs_url: link('git/refs{/sha}'),
    git_tags_url: link('git/tags{/sha}'),
    issue_comment_url: link('issues/comments{/number}'),
    issue_events_url: link('issues/events{/number}'),
    issues_url: link('issues{/number}'),
    keys_url: link('keys{/key_id}'),
    labels_url: link('labels{/name}'),
    languages_url: link('languages'),
    merges_url: link('merges'),
    milestones_url: link('milestones{/number}'),
    notifications_url: link('notifications{?since,all,participating}'),
    pulls_url: link('pulls{/number}'),
    releases_url: link('releases{/id}'),
    stargazers_url: link('stargazers'),
    statuses_url: link('statuses/{sha}'),
    subscribers_url: link('subscribers'),
    subscription_url: link('subscription'),
    tags_url: link('tags'),
    teams_url: link('teams'),
    trees_url: link('git/trees{/sha}'),
    hooks_url: link('hooks'),
  };
}

function simpleUser(api: string, login: string): Schemas['simple-user'] {
  const url = `${api}/users/${login}`;
  return {
    login,
    id: 1,
    node_id: 'U_1',
    avatar_url: `https://avatars.githubusercontent.com/u/1`,
    gravatar_id: null,
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: 'Organization',
    site_admin: false,
  };
}
