import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.js';

const WORKFLOW = fileURLToPath(new URL('../../examples/github-actions/shipit-auto.yml', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Workflow {
  on: { schedule: { cron: string }[] };
  permissions: Record<string, string>;
  jobs: Record<string, { concurrency?: { group: string }; steps: { run?: string; with?: Record<string, unknown> }[] }>;
}

describe('the GitHub Actions schedule example for auto', () => {
  it('runs one round of shipit auto on a schedule, with the options the CLI has', async () => {
    const workflow = parse(await readFile(WORKFLOW, 'utf8')) as Workflow;
    expect(workflow.on.schedule[0]?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expect(workflow.permissions.contents).toBe('write');
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const runs = steps.flatMap((step) => (step.run ?? '').split('\n')).filter((line) => line.includes('npx shipit'));
    expect(runs).toEqual(['npx shipit auto --once']);
    // The whole history, or shipit cannot compare the branch with what is live.
    expect(steps.find((step) => step.with?.['fetch-depth'] !== undefined)?.with?.['fetch-depth']).toBe(0);
    const help = await runCli(['auto', '--help'], { cwd: ROOT });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('--once');
  });
});
