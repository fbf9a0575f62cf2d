import type { components } from '@octokit/openapi-types';
import type { RestAnswer } from './rest.js';
import type { Scenario } from './scenario.js';

// What a branch requires before merging: classic branch protection and rulesets.

type Schemas = components['schemas'];

/** GET /repos/{o}/{r}/branches/{branch}/protection/required_status_checks (needs admin rights). */
export function branchProtectionChecks(scenario: Scenario, api: string, branch: string): RestAnswer {
  const rules = scenario.branchRules.get(branch);
  if (rules?.forbidden) {
    return {
      status: 403,
      body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' },
    };
  }
  if (!rules?.protection) {
    return {
      status: 404,
      body: { message: 'Branch not protected', documentation_url: 'https://docs.github.com/rest' },
    };
  }
  const url = `${api}/repos/${scenario.repository}/branches/${branch}/protection/required_status_checks`;
  const body: Schemas['status-check-policy'] = {
    url,
    strict: true,
    contexts: rules.protection.contexts,
    checks: rules.protection.checks ?? rules.protection.contexts.map((context) => ({ context, app_id: null })),
    contexts_url: `${url}/contexts`,
  };
  return { status: 200, body };
}

/** GET /repos/{o}/{r}/rules/branches/{branch} (readable with read access). */
export function branchRules(scenario: Scenario, branch: string): RestAnswer {
  const contexts = scenario.branchRules.get(branch)?.rulesets ?? [];
  const body: Schemas['repository-rule-detailed'][] = contexts.length
    ? [
        {
          type: 'required_status_checks',
          parameters: {
            strict_required_status_checks_policy: false,
            required_status_checks: contexts.map((context) => ({ context })),
          },
          ruleset_source_type: 'Repository',
          ruleset_source: scenario.repository,
          ruleset_id: 1,
        },
      ]
    : [];
  return { status: 200, body };
}
