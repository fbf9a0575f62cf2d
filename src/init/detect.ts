import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runGit } from '../git/git.js';
import { remoteDefaultBranch } from '../git/repo.js';
import { repositoryFromRemoteUrl } from '../github/repository.js';
import { readRequiredChecks } from '../github/required-checks.js';
import { type DeploySetup, detectDeploy } from './detect-deploy.js';
import { detectEnvironments, type EnvironmentSetup } from './detect-environments.js';
import { detectLocaleFolders, type LocaleFolder } from './detect-locales.js';

export interface GitHubRemote {
  repository: string;
  /** Set for GitHub Enterprise: its REST API on the remote's host. */
  baseUrl?: string;
}

export interface ProjectFacts {
  branch: string;
  /** Where the branch came from, as shown to the user. */
  branchSource: 'origin/HEAD' | 'current branch' | 'default';
  github?: GitHubRemote;
  /** The status checks the branch's protection or rulesets require; absent when GitHub could not be asked. */
  requiredChecks?: string[];
  locales: LocaleFolder[];
  deploy?: DeploySetup;
  /** Set when the repository deploys staging and production each its own way: the config gets `environments`. */
  environments?: EnvironmentSetup;
  /** Whether shipit-gate is installed in the repository, so the config can import defineConfig. */
  canImportShipit: boolean;
}

const REMOTE = 'origin';

/** What `shipit init` can tell about the repository at `repoRoot` without asking. */
export async function detectProject(repoRoot: string, env: NodeJS.ProcessEnv = process.env): Promise<ProjectFacts> {
  const [branch, github, locales, deploy, environments] = await Promise.all([
    detectBranch(repoRoot),
    detectGitHub(repoRoot),
    detectLocaleFolders(repoRoot),
    detectDeploy(repoRoot),
    detectEnvironments(repoRoot),
  ]);
  // Asked after the branch is known; without a token or the right to read it, init writes the config without.
  const requiredChecks = github ? await readRequiredChecks({ ...github, branch: branch.branch, env }) : null;
  return {
    ...branch,
    ...(github ? { github } : {}),
    ...(requiredChecks ? { requiredChecks } : {}),
    locales,
    ...(deploy ? { deploy } : {}),
    ...(environments ? { environments } : {}),
    canImportShipit: existsSync(join(repoRoot, 'node_modules', 'shipit-gate', 'package.json')),
  };
}

async function detectBranch(repoRoot: string): Promise<Pick<ProjectFacts, 'branch' | 'branchSource'>> {
  const fromRemote = await remoteDefaultBranch(repoRoot, REMOTE);
  if (fromRemote) return { branch: fromRemote, branchSource: 'origin/HEAD' };
  const current = await runGit(['symbolic-ref', '--quiet', '--short', 'HEAD'], {
    cwd: repoRoot,
    okExitCodes: [1, 128],
  });
  const name = current.stdout.trim();
  if (current.exitCode === 0 && name) return { branch: name, branchSource: 'current branch' };
  return { branch: 'main', branchSource: 'default' };
}

/** owner/name when origin is on github.com or a host named like a GitHub Enterprise one. */
async function detectGitHub(repoRoot: string): Promise<GitHubRemote | undefined> {
  // The URL as configured, before any url.<base>.insteadOf rewriting: the name the team gave it.
  const result = await runGit(['config', '--get', `remote.${REMOTE}.url`], { cwd: repoRoot, okExitCodes: [1] });
  const url = result.stdout.trim();
  if (result.exitCode !== 0 || !url) return undefined;
  const name = repositoryFromRemoteUrl(url);
  const host = hostOf(url);
  if (!name || !host?.includes('github')) return undefined;
  const repository = `${name.owner}/${name.repo}`;
  return host === 'github.com' ? { repository } : { repository, baseUrl: `https://${host}/api/v3` };
}

function hostOf(url: string): string | undefined {
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)/.exec(url);
  if (scp) return scp[1]?.toLowerCase();
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
