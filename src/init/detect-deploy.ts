import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DeploySetup {
  /** What was found, as shown to the user: "Capistrano", "bin/deploy"… */
  found: string;
  deploy: string;
  rollback?: string;
  /** Lines written as a comment above `deploy`: what the team must check. */
  notes: string[];
}

const SCRIPTS = ['bin/deploy', 'script/deploy', 'scripts/deploy.sh', 'scripts/deploy', 'deploy.sh'];
const ROLLBACK_SCRIPTS = ['bin/rollback', 'script/rollback', 'scripts/rollback.sh', 'scripts/rollback', 'rollback.sh'];

/** How this repository deploys today: its own script, an npm script, Kamal or Capistrano. */
export async function detectDeploy(repoRoot: string): Promise<DeploySetup | undefined> {
  const has = (path: string) => existsSync(join(repoRoot, path));
  const script = SCRIPTS.find(has);
  if (script) {
    const rollback = ROLLBACK_SCRIPTS.find(has);
    return {
      found: script,
      deploy: `./${script}`,
      ...(rollback ? { rollback: `./${rollback}` } : {}),
      notes: rollback ? [] : [`With no rollback.run, shipit rollback runs ./${script} with SHIPIT_ACTION=rollback.`],
    };
  }
  const npmScripts = await readNpmScripts(repoRoot);
  if (npmScripts.deploy) {
    return {
      found: 'the "deploy" npm script',
      deploy: 'npm run deploy',
      ...(npmScripts.rollback ? { rollback: 'npm run rollback' } : {}),
      notes: npmScripts.rollback ? [] : ['With no rollback.run, shipit rollback runs it with SHIPIT_ACTION=rollback.'],
    };
  }
  if (has('config/deploy.yml') && /^\s*service:/m.test(await readFile(join(repoRoot, 'config/deploy.yml'), 'utf8'))) {
    // Rails 8 apps carry a bin/kamal binstub: the Kamal version of their Gemfile.lock.
    const kamal = has('bin/kamal') ? 'bin/kamal' : 'kamal';
    return {
      found: 'Kamal (config/deploy.yml)',
      // Kamal tags the image with the checked-out commit, so checking out SHIPIT_SHA first
      // makes the deployed version the commit shipit chose, and `kamal rollback <sha>` find it.
      deploy: `git checkout --quiet --detach "$SHIPIT_SHA" && ${kamal} deploy`,
      rollback: `${kamal} rollback "$SHIPIT_SHA"`,
      notes: ['Kamal builds the checked-out commit: run shipit from a clean checkout (CI, or a deploy box).'],
    };
  }
  if (has('Capfile') || has('config/deploy.rb')) {
    return {
      found: has('Capfile') ? 'Capistrano (Capfile)' : 'Capistrano (config/deploy.rb)',
      deploy: 'bundle exec cap production deploy',
      rollback: 'bundle exec cap production deploy:rollback',
      notes: [
        'Capistrano deploys its :branch setting: make it the commit shipit chose, in config/deploy.rb:',
        "  set :branch, ENV.fetch('SHIPIT_SHA', 'main')",
      ],
    };
  }
  return undefined;
}

export async function readNpmScripts(repoRoot: string): Promise<Record<string, string>> {
  try {
    const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    return manifest.scripts ?? {};
  } catch {
    return {};
  }
}
