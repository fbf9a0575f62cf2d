import { findGitHubToken, hostOfApi } from './token.js';

const PUBLIC_API = 'https://api.github.com';
const TIMEOUT_MS = 5000;

interface Where {
  repository: string;
  branch: string;
  /** The Enterprise API, when the remote is not on github.com. */
  baseUrl?: string;
  env: NodeJS.ProcessEnv;
}

/**
 * The status checks a branch requires before merging, from its classic branch
 * protection (readable with admin rights only) and its rulesets (readable by
 * anyone who can read the repository). Best effort, for `shipit init`: null when
 * there is no token or GitHub would not say; never throws.
 */
export async function readRequiredChecks(where: Where): Promise<string[] | null> {
  try {
    const baseUrl = (where.baseUrl || where.env.GITHUB_API_URL || PUBLIC_API).replace(/\/+$/, '');
    const token = await findGitHubToken(where.env, hostOfApi(baseUrl));
    if (!token) return null;
    const branch = encodeURIComponent(where.branch);
    const get = (path: string) => getJson(`${baseUrl}/repos/${where.repository}/${path}`, token);
    const [protection, rules] = await Promise.all([
      get(`branches/${branch}/protection/required_status_checks`),
      get(`rules/branches/${branch}`),
    ]);
    if (protection === undefined && rules === undefined) return null;
    const contexts = [...contextsOfProtection(protection), ...contextsOfRules(rules)];
    return [...new Set(contexts)];
  } catch {
    return null;
  }
}

/** The parsed body of a 200, else undefined (404: not protected; 403: no right to read it). */
async function getJson(url: string, token: string): Promise<unknown> {
  const response = await fetch(url, {
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'shipit-gate',
    },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return response.ok ? response.json() : undefined;
}

function contextsOfProtection(body: unknown): string[] {
  const policy = body as { contexts?: unknown; checks?: { context?: unknown }[] } | undefined;
  const names = [...(Array.isArray(policy?.contexts) ? policy.contexts : [])];
  if (Array.isArray(policy?.checks)) names.push(...policy.checks.map((check) => check?.context));
  return names.filter((name): name is string => typeof name === 'string' && name.length > 0);
}

function contextsOfRules(body: unknown): string[] {
  if (!Array.isArray(body)) return [];
  return body.flatMap((rule: { type?: unknown; parameters?: { required_status_checks?: { context?: unknown }[] } }) =>
    rule?.type === 'required_status_checks'
      ? (rule.parameters?.required_status_checks ?? []).flatMap((check) =>
          typeof check?.context === 'string' && check.context ? [check.context] : [],
        )
      : [],
  );
}
