import { confirm } from '../cli/confirm.js';
import type { Output } from '../cli/output.js';
import type { LoadedConfig } from '../config/load.js';
import { rollbackScript } from '../deploy/rollback-plan.js';
import type { VerificationPlan } from '../deploy/verify-settings.js';

/** What a deploy of this project verifies with (config `deploy.verify`), or undefined without a window. */
export function verificationPlan(project: LoadedConfig, output: Output): VerificationPlan | undefined {
  const settings = project.config.deploy?.verify;
  if (!settings) return undefined;
  return {
    settings,
    checks: project.verifyChecks,
    rollbackScript: rollbackScript(project.config.deploy, project.config.rollback),
    secretNames: project.config.secrets,
    // Only a person at a terminal is asked; a CI job that is cancelled keeps the release, unverified.
    askOnInterrupt: output.interactive
      ? async () =>
          (await confirm('Verification interrupted. Roll back to the previous release? (no: keep it live, unverified)'))
            ? 'rollback'
            : 'keep'
      : undefined,
  };
}
