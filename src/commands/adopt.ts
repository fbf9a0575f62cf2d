import type { Output } from '../cli/output.js';
import { adoptRelease, planAdopt } from '../deploy/adopt.js';
import { ExitCode } from '../errors.js';
import { readCommit } from '../git/commits.js';
import { safeLine } from '../report/untrusted-text.js';
import { currentUser } from '../state/store.js';
import { shortSha } from '../text/sha.js';
import { confirmOrCancel } from './deploy-output.js';
import { type GlobalOptions, loadProject, openProjectStore, planBasics } from './project.js';

export interface AdoptOptions extends GlobalOptions {
  reason?: string;
  yes?: boolean;
  force?: boolean;
  fetch?: boolean;
}

/** `shipit adopt <sha>`: record what the environment runs today, deployed by another tool; no script runs. */
export async function adoptCommand(rev: string, options: AdoptOptions, output: Output): Promise<number> {
  const project = await loadProject(options);
  const user = await currentUser(project.repoRoot);
  const store = await openProjectStore(project, user);
  await store.assertNoPendingOutcome();
  const plan = await planAdopt(store, { ...planBasics(project), rev, force: options.force, fetch: options.fetch });
  const commit = await readCommit(project.repoRoot, plan.sha);
  const { chalk } = output;
  const was = plan.live ? ` (shipit had ${shortSha(plan.live.sha)}, ${plan.live.action} #${plan.live.id})` : '';
  output.print(
    chalk.bold(`${project.environment} runs ${shortSha(plan.sha)} ${safeLine(commit.subject)}`) + chalk.dim(was),
  );
  const question = `Record that ${project.environment} runs ${shortSha(plan.sha)}? No script runs.`;
  if (!(await confirmOrCancel(output, options.yes, question))) return ExitCode.blocked;

  const record = await adoptRelease(store, plan, { user, reason: options.reason, force: options.force });
  if (output.json) {
    output.printJson({ environment: project.environment, action: 'adopt', record });
    return 0;
  }
  output.print(chalk.green.bold(`✔ adopt #${record.id}: ${project.environment} runs ${shortSha(record.sha)}`));
  output.print('The next deploy ships the commits after it; `shipit rollback` can come back to it.');
  return 0;
}
