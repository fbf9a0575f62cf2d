import type { ProjectFacts } from './detect.js';
import { environmentsSection } from './render-environments.js';

const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const list = (items: string[]) => `[${items.map(quote).join(', ')}]`;

/** The commented deploy.config.ts `shipit init` writes: valid as written, every choice explained. */
export function renderConfig(facts: ProjectFacts, options: { timezone: string }): string {
  const lines = [
    '// shipit: the preflight checks and the deploy of this repository, written by `shipit init`.',
    '// Try it: `shipit checks`, `shipit check`, then `shipit deploy --dry-run`. Every setting: docs/configuration.md.',
    ...(facts.canImportShipit
      ? ["import { defineConfig } from 'shipit-gate';", '', 'export default defineConfig({']
      : [
          '// For completion and type checking: `npm i -D shipit-gate`, then wrap the object below in',
          "// defineConfig(…) imported from 'shipit-gate'. It loads as it is without that.",
          '',
          'export default {',
        ]),
    facts.environments
      ? '  // The environment shipit acts on without `--env`; each has its own history and lock, shared through git.'
      : '  // The environment this file deploys (`--env` picks another); its history and lock are shared through git.',
    "  environment: 'production',",
    `  // The branch that ships (found: ${facts.branchSource}).`,
    `  branch: ${quote(facts.branch)},`,
    ...githubSection(facts),
    '',
    '  // Preflight checks run in parallel before every deploy; one failing `blocking` check stops it.',
    '  checks: [',
    ...checkLines(facts, options.timezone).map((line) => `    ${line}`),
    '  ],',
    '',
    ...deploySection(facts),
    facts.canImportShipit ? '});' : '};',
  ];
  return `${lines.join('\n')}\n`;
}

function githubSection(facts: ProjectFacts): string[] {
  if (!facts.github) return [];
  const baseUrl = facts.github.baseUrl ? `, baseUrl: ${quote(facts.github.baseUrl)}` : '';
  return [
    '',
    '  // GitHub, for the CI and pull requests of the commits going out.',
    '  // The token comes from GITHUB_TOKEN, GH_TOKEN or `gh auth token`; never write it here.',
    `  github: { repository: ${quote(facts.github.repository)}${baseUrl} },`,
  ];
}

function checkLines(facts: ProjectFacts, timezone: string): string[] {
  const lines: string[] = [];
  if (facts.github) {
    lines.push('// CI must be green on every commit going out, not only the newest.', ...ciStatusLines(facts));
    lines.push(
      '// No pull request labelled do-not-deploy goes out; add requireApproval: true to want reviews.',
      "{ name: 'pull-requests', type: 'pull-requests', blockLabels: ['do-not-deploy'] },",
    );
  }
  for (const folder of facts.locales) {
    const name = facts.locales.length === 1 ? 'translations' : `translations-${folder.folder.replaceAll('/', '-')}`;
    const targets = folder.locales.filter((locale) => locale !== folder.source);
    lines.push(
      `// Every ${folder.source} key of ${folder.folder} must exist in ${targets.length ? targets.join(', ') : 'the other locales'}.`,
      `{ name: ${quote(name)}, type: 'translations', files: ${quote(folder.files)}, source: ${quote(folder.source)} },`,
    );
  }
  lines.push(
    '// Big batches are hard to debug: warn above 20 commits or 8 authors, refuse above 50 commits.',
    "{ name: 'batch-size', type: 'batch-size', commits: { warn: 20, fail: 50 }, authors: { warn: 8 } },",
    '// Office hours only. A warning for now: remove `severity` to enforce it once the team agrees.',
    "{ name: 'deploy-window', type: 'deploy-window', severity: 'warning',",
    `  timezone: ${quote(timezone)}, days: ${list(['mon', 'tue', 'wed', 'thu', 'fri'])}, hours: { from: '09:00', to: '17:00' } },`,
    '// More: your tests, a health endpoint, the status page (docs/checks.md):',
    "// { name: 'tests', type: 'command', run: 'npm test' },",
    "// { name: 'health', type: 'http', url: 'https://example.com/health', on: ['deploy', 'rollback'] },",
  );
  return lines;
}

function ciStatusLines(facts: ProjectFacts): string[] {
  const required = facts.requiredChecks ?? [];
  if (required.length === 0) return ["{ name: 'ci', type: 'ci-status' },"];
  return [
    `// required: what ${facts.branch}'s branch protection requires (read by shipit init); one not reported yet is still running.`,
    `{ name: 'ci', type: 'ci-status', required: ${list(required)} },`,
  ];
}

function deploySection(facts: ProjectFacts): string[] {
  const variables = [
    '  // shipit runs it from the repository root with SHIPIT_SHA (the commit to ship: a release commit',
    '  // without the excluded ones when you use --exclude), SHIPIT_PREVIOUS_SHA, SHIPIT_DEPLOY_ID,',
    '  // SHIPIT_EXCLUDED, SHIPIT_ENVIRONMENT, SHIPIT_REF, SHIPIT_USER and SHIPIT_ACTION (deploy or rollback).',
  ];
  if (facts.environments) return environmentsSection(facts.environments, variables);
  const deploy = facts.deploy;
  if (!deploy) {
    return [
      '  // How to deploy: no deploy script was found, so `shipit deploy` refuses until you set one.',
      ...variables,
      "  // deploy: { run: './scripts/deploy.sh' },",
      "  // rollback: { run: './scripts/rollback.sh' },",
    ];
  }
  return [
    `  // How to deploy (found: ${deploy.found}).`,
    ...variables,
    ...deploy.notes.map((note) => `  // ${note}`),
    `  deploy: { run: ${quote(deploy.deploy)} },`,
    ...(deploy.rollback ? [`  rollback: { run: ${quote(deploy.rollback)} },`] : []),
  ];
}
