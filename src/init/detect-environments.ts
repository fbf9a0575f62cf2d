import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readNpmScripts } from './detect-deploy.js';

export interface EnvironmentDeploy {
  name: string;
  deploy: string;
  rollback?: string;
}

/** How a repository deploys each of its environments, as `shipit init` found it. */
export interface EnvironmentSetup {
  /** What was found, as shown to the user: "Kamal destinations (config/deploy.staging.yml, …)"… */
  found: string;
  environments: EnvironmentDeploy[];
  notes: string[];
}

const STAGES = ['staging', 'production'] as const;
const SCRIPT_DIRS = ['bin', 'script', 'scripts', '.'];

/**
 * Staging and production, each with its own way to deploy: a script per environment,
 * one script that names both, npm scripts deploy:staging and deploy:production, Kamal
 * destinations or Capistrano stages. Undefined when the repository shows one environment.
 */
export async function detectEnvironments(repoRoot: string): Promise<EnvironmentSetup | undefined> {
  const has = (path: string) => existsSync(join(repoRoot, path));
  for (const dir of SCRIPT_DIRS) {
    const pair = STAGES.map((stage) =>
      [`deploy-${stage}.sh`, `deploy-${stage}`, `deploy_${stage}.sh`].map((name) => join(dir, name)).find(has),
    );
    if (pair.every(Boolean)) {
      return {
        found: pair.join(' and '),
        environments: STAGES.map((name, i) => ({ name, deploy: `./${pair[i]}` })),
        notes: ['With no rollback.run, shipit rollback runs the deploy script with SHIPIT_ACTION=rollback.'],
      };
    }
  }
  for (const script of ['bin/deploy', 'script/deploy', 'scripts/deploy.sh', 'scripts/deploy', 'deploy.sh']) {
    if (!has(script)) continue;
    const text = await readFile(join(repoRoot, script), 'utf8');
    if (STAGES.every((stage) => text.includes(stage))) {
      return {
        found: `${script} (it names staging and production)`,
        environments: STAGES.map((name) => ({ name, deploy: `./${script} ${name}` })),
        notes: [`${script} is given the environment as its argument (SHIPIT_ENVIRONMENT holds it too).`],
      };
    }
    break;
  }
  const npmScripts = await readNpmScripts(repoRoot);
  if (STAGES.every((stage) => npmScripts[`deploy:${stage}`])) {
    return {
      found: 'the npm scripts deploy:staging and deploy:production',
      environments: STAGES.map((name) => ({
        name,
        deploy: `npm run deploy:${name}`,
        ...(npmScripts[`rollback:${name}`] ? { rollback: `npm run rollback:${name}` } : {}),
      })),
      notes: [],
    };
  }
  const kamal = await kamalDestinations(repoRoot);
  if (kamal.length >= 2) {
    const binary = has('bin/kamal') ? 'bin/kamal' : 'kamal';
    return {
      found: `Kamal destinations (${kamal.map((name) => `config/deploy.${name}.yml`).join(', ')})`,
      // As for one destination: Kamal builds the checked-out commit, so check out SHIPIT_SHA first.
      environments: kamal.map((name) => ({
        name,
        deploy: `git checkout --quiet --detach "$SHIPIT_SHA" && ${binary} deploy -d ${name}`,
        rollback: `${binary} rollback -d ${name} "$SHIPIT_SHA"`,
      })),
      notes: ['Kamal builds the checked-out commit: run shipit from a clean checkout (CI, or a deploy box).'],
    };
  }
  if (STAGES.every((stage) => has(`config/deploy/${stage}.rb`))) {
    return {
      found: 'Capistrano stages (config/deploy/staging.rb, config/deploy/production.rb)',
      environments: STAGES.map((name) => ({
        name,
        deploy: `bundle exec cap ${name} deploy`,
        rollback: `bundle exec cap ${name} deploy:rollback`,
      })),
      notes: ["Capistrano deploys its :branch setting: set :branch, ENV.fetch('SHIPIT_SHA', 'main')"],
    };
  }
  return undefined;
}

/** The destinations of config/deploy.<destination>.yml next to a Kamal config/deploy.yml, staging first. */
async function kamalDestinations(repoRoot: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(join(repoRoot, 'config'));
  } catch {
    return [];
  }
  if (!names.includes('deploy.yml')) return [];
  const destinations = names
    .map((name) => /^deploy\.([A-Za-z0-9][\w-]*)\.yml$/.exec(name)?.[1])
    .filter((name): name is string => name !== undefined);
  const rank = (name: string) => (name === 'staging' ? 0 : name === 'production' ? 2 : 1);
  return destinations.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
