import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import type { DeployWorld } from '../helpers/deploy-world.js';
import type { Repo } from '../helpers/git-world.js';
import { strictAjv } from '../json/ajv.js';

/** A hook command that leaves the SHIPIT_* variables it saw in $DEPLOY_ROOT/hooks/<hook>.env (the last run wins). */
export const DUMP_ENV = `mkdir -p "$DEPLOY_ROOT/hooks" && env | grep '^SHIPIT_' | sort > "$DEPLOY_ROOT/hooks/$SHIPIT_HOOK.env"`;

export const green = [{ type: 'command', name: 'tests', run: 'true', on: ['deploy', 'rollback'] }];

/** The variables one hook dumped with DUMP_ENV, or null when it never ran. */
export async function hookEnv(world: DeployWorld, hook: string): Promise<Record<string, string> | null> {
  const text = await readFile(join(world.deployRoot, 'hooks', `${hook}.env`), 'utf8').catch(() => null);
  if (text === null) return null;
  const lines = text.trim().split('\n');
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

interface HookEntry {
  name: string;
  status: string;
  exitCode?: number;
  message?: string;
  durationMs: number;
}
export interface RecordSeen {
  id: number;
  action: string;
  status: string;
  message?: string;
  hooks?: HookEntry[];
}

const ajv = strictAjv();
const read = async (name: string) =>
  JSON.parse(await readFile(new URL(`../../docs/schemas/${name}.schema.json`, import.meta.url), 'utf8'));
ajv.addSchema(await read('common'));
const validateHistory = ajv.compile(await read('history'));

/** `shipit history --json`, newest first, checked against docs/schemas/history.schema.json. */
export async function history(world: DeployWorld, repo: Repo, config?: string): Promise<RecordSeen[]> {
  const args = ['history', '--json'];
  const result = config
    ? await runCli(['--config', config, ...args], { cwd: repo.dir })
    : await world.shipit(repo, args);
  const document = JSON.parse(result.stdout);
  if (!validateHistory(document)) throw new Error(`history --json: ${ajv.errorsText(validateHistory.errors)}`);
  return (document as { records: RecordSeen[] }).records;
}
