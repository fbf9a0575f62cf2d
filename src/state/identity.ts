import { hostname, userInfo } from 'node:os';
import { runGit } from '../git/git.js';

/** Who is deploying: git's user.name, else the login name. */
export async function currentUser(cwd: string): Promise<string> {
  const configured = await runGit(['config', 'user.name'], { cwd, okExitCodes: [1] });
  const name = configured.stdout.trim();
  if (name) return name;
  return process.env.USER || process.env.USERNAME || safeLoginName() || 'unknown';
}

export function currentHost(): string {
  return hostname();
}

/** Whether process `pid` still runs on this machine (EPERM: alive, owned by someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function safeLoginName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}
