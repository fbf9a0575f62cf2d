import { chmod, readFile, readlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from './cli.js';
import { createWorld, type Repo, type World } from './git-world.js';

// A deploy script that really deploys: the tree of SHIPIT_SHA into
// releases/<id>, then the `current` symlink switched to it atomically.
const DEPLOY_SCRIPT = `#!/bin/sh
set -e
dest="$DEPLOY_ROOT/releases/$SHIPIT_DEPLOY_ID"
mkdir -p "$dest"
git archive "$SHIPIT_SHA" | tar -x -C "$dest"
env | grep '^SHIPIT_' | sort > "$DEPLOY_ROOT/releases/$SHIPIT_DEPLOY_ID.env"
if [ -n "$DEPLOY_SLEEP" ]; then sleep "$DEPLOY_SLEEP"; fi
ln -sfn "$dest" "$DEPLOY_ROOT/current.next"
mv -T "$DEPLOY_ROOT/current.next" "$DEPLOY_ROOT/current"
echo "deployed $SHIPIT_SHA as #$SHIPIT_DEPLOY_ID"
`;

export interface DeployWorld extends World {
  /** Where releases/ and current live. */
  deployRoot: string;
  script: string;
  writeConfig(repo: Repo, config: Record<string, unknown>): Promise<void>;
  shipit(repo: Repo, args: string[], env?: Record<string, string | undefined>): ReturnType<typeof runCli>;
  /** The deploy id `current` points at, or null before any deploy. */
  currentId(): Promise<string | null>;
  /** A file as deployed under `current`, or null when it is not there. */
  liveFile(path: string): Promise<string | null>;
  /** The SHIPIT_* variables one deploy's script saw. */
  scriptEnv(id: number | string): Promise<Record<string, string>>;
}

export async function createDeployWorld(): Promise<DeployWorld> {
  const world = await createWorld();
  const deployRoot = join(world.root, 'server');
  const script = join(world.root, 'deploy.sh');
  await writeFile(script, DEPLOY_SCRIPT);
  await chmod(script, 0o755);
  const configFile = (repo: Repo) => join(repo.dir, '.git', 'test-deploy.config.json');
  return {
    ...world,
    deployRoot,
    script,
    async writeConfig(repo, config) {
      await writeFile(configFile(repo), JSON.stringify({ deploy: { run: script }, ...config }, null, 2));
    },
    shipit(repo, args, env = {}) {
      // The config sits in .git so the user's work tree stays exactly as the test made it.
      return runCli(['--config', configFile(repo), ...args], {
        cwd: repo.dir,
        env: { DEPLOY_ROOT: deployRoot, ...env },
      });
    },
    async currentId() {
      try {
        return (await readlink(join(deployRoot, 'current'))).split('/').at(-1) ?? null;
      } catch {
        return null;
      }
    },
    async liveFile(path) {
      try {
        return await readFile(join(deployRoot, 'current', path), 'utf8');
      } catch {
        return null;
      }
    },
    async scriptEnv(id) {
      const text = await readFile(join(deployRoot, 'releases', `${id}.env`), 'utf8');
      return Object.fromEntries(
        text
          .trim()
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
    },
  };
}
