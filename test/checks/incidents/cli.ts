import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CliResult, runCli } from '../../helpers/cli.js';
import { createWorld } from '../../helpers/git-world.js';

export interface GateCheck {
  name: string;
  status: string;
  summary: string;
  details: string[];
  url: string | null;
}

/** Runs `shipit check --json` (the built CLI) in a fresh repository whose config holds these checks. */
export async function runGate(
  checks: Record<string, unknown>[],
  env: Record<string, string> = {},
): Promise<CliResult & { checks: GateCheck[] }> {
  const world = await createWorld();
  try {
    await writeFile(join(world.repo.dir, 'deploy.config.json'), JSON.stringify({ checks }));
    const result = await runCli(['check', '--json'], { cwd: world.repo.dir, env });
    const parsed = result.stdout ? (JSON.parse(result.stdout) as { checks?: GateCheck[] }) : {};
    return { ...result, checks: parsed.checks ?? [] };
  } finally {
    await world.cleanup();
  }
}
