import { describeError } from '../errors.js';
import { notifyFault } from '../exec/fault-listeners.js';
import { reportError } from './errors.js';

let installed = false;

/**
 * Installs, once, handlers for an `unhandledRejection` or `uncaughtException`
 * anywhere in shipit's process. Node's default would end the process on the
 * spot, skipping every `finally`: the lock left on the remote, the record left
 * `running`. Instead, while work with bookkeeping is under way (a deploy that
 * subscribed with `onProcessFault`), its listeners are told, so it stops the
 * way Ctrl-C stops it and its bookkeeping runs; with nobody listening, the
 * error is reported as one line and shipit exits 3 (the watchdog stops any
 * command still running).
 */
export function installFaultHandlers(options: { verbose: boolean; json: boolean }): void {
  if (installed) return;
  installed = true;
  const onFault = (error: unknown) => {
    if (!notifyFault(error)) process.exit(reportError(error, options));
    process.stderr.write(`shipit: unexpected error: ${describeError(error)}; stopping\n`);
  };
  process.on('unhandledRejection', onFault);
  process.on('uncaughtException', onFault);
}
