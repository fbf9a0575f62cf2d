import type { DeployLifecycle } from '../deploy/execute.js';

/**
 * Marks the record as started by `shipit auto`, first thing under the lock, before
 * any other step or the script: history and status then say who did not press the button.
 */
export const markAutoTrigger: DeployLifecycle = {
  async beforeScript({ update }) {
    await update({ trigger: 'auto' });
  },
};
