import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createLocalRepo, type Repo } from '../helpers/git-world.js';

let repo: Repo;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ repo, cleanup } = await createLocalRepo());
});
afterEach(() => cleanup());

const shipit = (...args: string[]) => runCli(args, { cwd: repo.dir });

/** The check names an example passes to --only or --skip (each flag takes names up to the next option). */
function namedChecks(example: string): string[] {
  return [...example.matchAll(/--(?:only|skip) ((?:(?!--)[\w.:/-]+ ?)+)/g)].flatMap((match) =>
    match[1]!.trim().split(' '),
  );
}

describe('help examples', () => {
  it('name only checks that a config written by `shipit init` has, so they run as printed', async () => {
    expect((await shipit('init')).exitCode).toBe(0);
    const listed = await shipit('checks', '--json');
    const configured: string[] = JSON.parse(listed.stdout).map((check: { name: string }) => check.name);

    const examples: string[] = [];
    for (const command of ['check', 'deploy']) {
      const help = (await shipit(command, '--help')).stdout;
      examples.push(...help.split('\n').filter((line) => line.startsWith('  $ shipit ')));
    }
    const named = examples.flatMap(namedChecks);
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(configured, `a help example names "${name}"`).toContain(name);

    // And the --only example runs as printed: the gate's verdict (0 or 1), never 2 (unknown check).
    const only = examples.find((line) => line.includes('--only') && !line.includes('"'));
    const run = await shipit(...only!.replace('  $ shipit ', '').split(' '));
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.exitCode);
  });
});
