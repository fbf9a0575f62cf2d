import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { Output } from '../cli/output.js';
import { ExitCode, ShipitError } from '../errors.js';
import { findRepoRoot } from '../git/repo.js';
import { detectProject, type ProjectFacts } from '../init/detect.js';
import { findExistingConfig } from '../init/existing-config.js';
import { renderConfig } from '../init/render-config.js';
import { initDocument } from './init-document.js';

export interface InitOptions {
  force?: boolean;
  json?: boolean;
}

const CONFIG_NAME = 'deploy.config.ts';

/** `shipit init`: writes a commented deploy.config.ts at the repository root from what the repository shows. */
export async function initCommand(options: InitOptions, output: Output, cwd = process.cwd()): Promise<number> {
  const repoRoot = await findRepoRoot(cwd);
  const existing = await findExistingConfig(cwd, repoRoot);
  if (existing && !options.force) {
    const label = relative(cwd, existing) || existing;
    throw new ShipitError('config-exists', `${label} already exists: shipit init does not overwrite a config`, {
      hint: `edit ${label}, or run \`shipit init --force\` to replace it with a fresh one`,
    });
  }
  const facts = await detectProject(repoRoot);
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  // Next to the config it replaces: deploy.config.ts comes first in the search, so it is the one loaded.
  const target = join(existing ? dirname(existing) : repoRoot, CONFIG_NAME);
  await writeFile(target, renderConfig(facts, { timezone }));

  const label = relative(cwd, target) || target;
  const previous = existing && existing !== target ? relative(cwd, existing) || existing : null;
  if (output.json) {
    output.printJson(initDocument(facts, { file: label, path: target, replaced: previous }));
    return ExitCode.ok;
  }
  output.print(output.chalk.green(`Wrote ${label}`));
  if (existing && previous) {
    const what = basename(existing) === 'package.json' ? `the "shipit" key of ${previous}` : previous;
    output.print(`  ${what} is left as it was but no longer loaded: remove it when done.`);
  }
  for (const [what, found] of summarize(facts)) output.print(`  ${what.padEnd(13)} ${found}`);
  output.print('');
  output.print('Next: read it through, then `shipit checks`, `shipit check` and `shipit deploy --dry-run`.');
  return ExitCode.ok;
}

function summarize(facts: ProjectFacts): [string, string][] {
  const rows: [string, string][] = [['branch', `${facts.branch} (${facts.branchSource})`]];
  const required = facts.requiredChecks?.length ? ` (required: ${facts.requiredChecks.join(', ')})` : '';
  rows.push([
    'github',
    facts.github ? `${facts.github.repository}: ci-status${required}, pull-requests` : 'no GitHub remote',
  ]);
  for (const folder of facts.locales) {
    rows.push(['translations', `${folder.files} (source ${folder.source}, ${folder.locales.length} locales)`]);
  }
  if (facts.environments) {
    for (const { name, deploy } of facts.environments.environments) rows.push([name, deploy]);
    rows.push(['environments', `${facts.environments.found}`]);
  } else {
    rows.push([
      'deploy',
      facts.deploy ? `${facts.deploy.deploy} (${facts.deploy.found})` : 'none found: set deploy.run',
    ]);
  }
  rows.push(['also', 'batch-size, deploy-window (warning only)']);
  return rows;
}
