import type { Output } from '../cli/output.js';
import { catchInterrupts } from '../deploy/interrupt.js';
import { verifyLive } from '../deploy/verify-live.js';
import { ExitCode, ShipitError } from '../errors.js';
import { safeLine } from '../report/untrusted-text.js';
import { currentUser } from '../state/store.js';
import { plural } from '../text/plural.js';
import { shortSha } from '../text/sha.js';
import { type GlobalOptions, loadProject, openProjectStore } from './project.js';
import { verificationPlan } from './verify-plan.js';

export interface VerifyOptions extends GlobalOptions {
  json?: boolean;
}

/** `shipit verify`: the `deploy.verify` window, now, against the live release; reports only. */
export async function verifyCommand(options: VerifyOptions, output: Output): Promise<number> {
  const project = await loadProject(options);
  const plan = verificationPlan(project, { ...output, interactive: false });
  if (!plan) {
    throw new ShipitError(
      'no-verification',
      `${project.label}: no deploy.verify is configured, so there is nothing to verify with`,
      {
        hint: "add deploy: { verify: { for: '10m', every: '30s', checks: [...] } } (docs/verify.md)",
      },
    );
  }
  const interrupt = catchInterrupts(() => output.info('\nInterrupted: stopping the verification…'));
  try {
    const user = await currentUser(project.repoRoot);
    const store = await openProjectStore(project, user);
    const { release, window } = await verifyLive(store, plan, {
      repoRoot: project.repoRoot,
      user,
      signal: interrupt.signal,
      say: (line) => output.print(line),
    });
    const code =
      window.verdict === 'passed'
        ? ExitCode.ok
        : window.verdict === 'interrupted'
          ? ExitCode.interrupted
          : ExitCode.failed;
    if (output.json) {
      output.printJson({
        environment: project.environment,
        release: { id: release.id, action: release.action, status: release.status, sha: release.sha },
        verdict: window.verdict,
        verification: window,
      });
      return code;
    }
    const what = `${shortSha(release.sha)} (${release.action} #${release.id})`;
    const rounds = plural(window.roundCount, 'round');
    if (window.verdict === 'passed')
      output.print(output.chalk.green.bold(`✔ ${what} passed its verification (${rounds})`));
    else if (window.verdict === 'interrupted')
      output.print(output.chalk.yellow.bold(`○ verification of ${what} interrupted after ${rounds}`));
    else {
      const failing = window.rounds.at(-1)?.failing ?? [];
      output.print(output.chalk.red.bold(`✖ ${what} failed its verification: ${failing.map(safeLine).join(', ')}`));
      output.print('Nothing was changed: `shipit rollback` goes back to the previous good release.');
    }
    return code;
  } finally {
    interrupt.dispose();
  }
}
