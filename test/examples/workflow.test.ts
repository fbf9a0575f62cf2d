import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.js';

const WORKFLOW = fileURLToPath(new URL('../../examples/github-actions/shipit.yml', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: { push: unknown; workflow_dispatch: { inputs: Record<string, unknown> } };
  permissions: Record<string, string>;
  jobs: Record<string, { if: string; steps: Step[] }>;
}

/** `${{ inner }}`: a GitHub Actions expression. */
const expression = (inner: string) => `$\{{ ${inner} }}`;

const load = async () => parse(await readFile(WORKFLOW, 'utf8')) as Workflow;

/** Every `npx shipit <command> --flags…` line the workflow runs. */
function shipitInvocations(workflow: Workflow): { job: string; command: string; flags: string[] }[] {
  return Object.entries(workflow.jobs).flatMap(([job, { steps }]) =>
    steps.flatMap((step) =>
      (step.run ?? '')
        .split('\n')
        .map((line) => /\bnpx shipit (\S+)(.*)$/.exec(line))
        .filter((match) => match !== null)
        .map((match) => ({ job, command: match[1] as string, flags: match[2]?.match(/--?[a-z][\w-]*/g) ?? [] })),
    ),
  );
}

describe('the GitHub Actions example', () => {
  it('runs shipit commands and flags that exist in the CLI', async () => {
    const invocations = shipitInvocations(await load());
    expect(invocations.map(({ job, command }) => `${job}: ${command}`)).toEqual([
      'check: check',
      'deploy: deploy',
      'deploy: deploy',
    ]);
    const help = await runCli(['--help'], { cwd: ROOT });
    expect(help.exitCode).toBe(0);
    for (const { command, flags } of invocations) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
      const commandHelp = await runCli([command, '--help'], { cwd: ROOT });
      expect(commandHelp.exitCode).toBe(0);
      for (const flag of flags)
        expect(commandHelp.stdout, `${command} ${flag}`).toMatch(new RegExp(`(^|[ ,])${flag}\\b`, 'm'));
    }
    expect(invocations.flatMap(({ flags }) => flags)).toEqual(
      expect.arrayContaining(['--yes', '--exclude', '--reason']),
    );
  });

  it('checks on pushes, deploys on a manual dispatch with exclude and reason inputs passed through env', async () => {
    const workflow = await load();
    expect(workflow.on.push).toBeTruthy();
    expect(Object.keys(workflow.on.workflow_dispatch.inputs)).toEqual(['exclude', 'reason']);
    expect(workflow.jobs.check?.if).toBe("github.event_name == 'push'");
    expect(workflow.jobs.deploy?.if).toBe("github.event_name == 'workflow_dispatch'");
    const deployStep = workflow.jobs.deploy?.steps.find((step) => step.run?.includes('shipit deploy'));
    expect(deployStep?.run).not.toMatch(/\$\{\{/);
    expect(deployStep?.env).toMatchObject({
      EXCLUDE: expression('inputs.exclude'),
      REASON: expression('inputs.reason'),
    });
  });

  it('gives the token the permissions shipit needs, and the full history', async () => {
    const workflow = await load();
    expect(workflow.permissions).toEqual({
      contents: 'write',
      deployments: 'write',
      statuses: 'read',
      actions: 'read',
      checks: 'read',
      'pull-requests': 'read',
    });
    for (const { steps } of Object.values(workflow.jobs)) {
      const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@'));
      expect(checkout?.with?.['fetch-depth']).toBe(0);
      const shipitStep = steps.find((step) => step.run?.includes('npx shipit'));
      expect(shipitStep?.env?.GITHUB_TOKEN).toBe(expression('secrets.GITHUB_TOKEN'));
    }
  });
});
