import type { Output } from '../cli/output.js';
import { executeDeploy } from '../deploy/execute.js';
import { catchInterrupts } from '../deploy/interrupt.js';
import { rollbackExecution, rollbackScript } from '../deploy/rollback-plan.js';
import { findRollbackTarget } from '../deploy/rollback-target.js';
import { ExitCode, ShipitError } from '../errors.js';
import { readCommit } from '../git/commits.js';
import { currentUser, lockedError } from '../state/store.js';
import { shortSha } from '../text/sha.js';
import { parseLockWait } from './deploy.js';
import { confirmOrCancel, describeResult, printDryRun } from './deploy-output.js';
import { executionBasics } from './execution-basics.js';
import { publishGateReport, runGateStep } from './gate-step.js';
import { type GlobalOptions, loadProject, openProjectStore } from './project.js';
import { noteRun, withRunDocument } from './run-document.js';

export interface RollbackOptions extends GlobalOptions {
  to?: string;
  yes?: boolean;
  dryRun?: boolean;
  force?: boolean;
  lockWait?: string;
}

/** `shipit rollback`: back to the previous good release, guarded only by checks that opt into rollback. */
export async function rollbackCommand(options: RollbackOptions, output: Output): Promise<number> {
  return withRunDocument('rollback', output, (inner) => runRollback(options, inner));
}

async function runRollback(options: RollbackOptions, output: Output): Promise<number> {
  const project = await loadProject(options);
  const rollback = project.config.rollback;
  const script = rollbackScript(project.config.deploy, rollback);
  if (!script) {
    throw new ShipitError('no-deploy-script', `${project.label}: neither rollback.run nor deploy.run is configured`, {
      hint: "add rollback: { run: './scripts/rollback.sh' }, or a deploy.run that honours SHIPIT_ACTION=rollback",
    });
  }
  const lockWaitMs = parseLockWait(options.lockWait);
  const interrupt = catchInterrupts(() => output.info('\nInterrupted: stopping…'));
  try {
    const user = await currentUser(project.repoRoot);
    const store = await openProjectStore(project, user);
    const records = await store.listRecords();
    await store.assertNoPendingOutcome();
    const { current, target } = await findRollbackTarget(project.repoRoot, records, {
      to: options.to,
      force: options.force,
      environment: project.environment,
    });
    const targetCommit = await readCommit(project.repoRoot, target.sha);
    output.print(
      output.chalk.bold(
        `${project.environment}: roll back from ${shortSha(current.sha)} (deploy #${current.id}) to ${shortSha(target.sha)} ${targetCommit.subject}`,
      ) +
        (target.record
          ? output.chalk.dim(` (deploy #${target.record.id})`)
          : output.chalk.yellow(' (never deployed: --force)')),
    );

    const lock = await store.readLock();
    if (lock && !options.dryRun && !lockWaitMs) throw lockedError(lock);

    const checks = project.checks.filter((check) => check.on.includes('rollback'));
    const context = {
      repoRoot: project.repoRoot,
      environment: project.environment,
      remote: store.remote,
      branch: project.config.branch ?? '',
      candidate: { sha: target.sha, ref: `rollback to #${target.record?.id ?? shortSha(target.sha)}` },
      production: { sha: current.sha },
      batch: [],
      notes: checks.length ? [] : ["no check guards rollback (add on: ['deploy', 'rollback'] to one that should)"],
    };
    const report = await runGateStep(
      context,
      { action: 'rollback', checks, skips: new Map(), signal: interrupt.signal, secretNames: project.config.secrets },
      output,
    );
    interrupt.throwIfInterrupted('during the gate: nothing was rolled back');
    noteRun(output, {
      environment: project.environment,
      candidate: context.candidate,
      release: target.sha,
      live: current,
      batch: { commits: [], excluded: [] },
    });
    await publishGateReport({ ...report, origin: { candidate: context.candidate, live: current } }, output);
    if (!report.verdict.ok) {
      output.print(output.chalk.red('Refusing to roll back: a check that guards rollback is failing.'));
      return ExitCode.blocked;
    }
    const lockAfter = rollback?.lock !== false;
    const { verification: _none, ...basics } = executionBasics(project, {
      user,
      script,
      lockWaitMs,
      interrupt,
      output,
    });
    const execution = rollbackExecution(
      basics,
      current,
      target,
      lockAfter ? `rolled back from ${shortSha(current.sha)} to ${shortSha(target.sha)}` : undefined,
    );
    if (options.dryRun) {
      printDryRun(output, execution);
      return ExitCode.ok;
    }
    if (!(await confirmOrCancel(output, options.yes, `Roll ${project.environment} back to ${shortSha(target.sha)}?`))) {
      return ExitCode.blocked;
    }
    const result = await executeDeploy(store, execution);
    // A rollback has no recheck, so it always runs once it holds the lock.
    return describeResult(result as NonNullable<typeof result>, output);
  } finally {
    interrupt.dispose();
  }
}
