import type { Check } from '../gate/contract.js';
import type { GateHooks } from '../gate/runner.js';
import { safeLine } from './untrusted-text.js';

/**
 * An ora spinner on stderr naming the checks still running; nothing at all
 * when stderr is not a TTY (CI logs stay clean).
 */
export async function createLiveProgress(enabled: boolean): Promise<GateHooks & { stop(): void }> {
  // A terminal that reports no width (`script` without a size) sends ora into an endless redraw.
  if (!enabled || !(process.stderr.columns > 0)) return { stop() {} };
  const { default: ora } = await import('ora');
  const running = new Map<string, string>();
  const spinner = ora({ stream: process.stderr, discardStdin: false }).start('Starting checks…');
  const refresh = () => {
    const names = [...running.entries()].map(([name, progress]) => safeLine(progress ? `${name} (${progress})` : name));
    spinner.text = names.length ? `Running ${names.length}: ${names.join(', ')}` : 'Finishing…';
  };
  return {
    onStart(check: Check) {
      running.set(check.name, '');
      refresh();
    },
    onProgress(check: Check, message: string) {
      running.set(check.name, message);
      refresh();
    },
    onFinish(result) {
      running.delete(result.name);
      refresh();
    },
    stop() {
      spinner.stop();
    },
  };
}
