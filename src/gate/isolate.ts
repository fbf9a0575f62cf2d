import { describeError } from '../errors.js';
import { companionScript } from '../exec/companion.js';
import type { Check, CheckContext } from './contract.js';
import type { ContextData, ToMain, ToWorker } from './isolate-messages.js';

/**
 * Runs a JS check in its own worker thread (check-worker.ts) and resolves with
 * what it returned. Whatever the check does, shipit's main thread goes on: a
 * throw, a stray rejection or `process.exit` ends only the worker and rejects;
 * an abort (timeout, Ctrl-C) terminates the worker, even in a busy loop.
 * The check's console output and the worker's stdout go to stderr, so they
 * never mix into shipit's own output (--json). worker_threads loads only here:
 * a config without JS checks does not pay for it.
 */
export async function runIsolated(
  check: Check & { isolate: NonNullable<Check['isolate']> },
  context: CheckContext,
): Promise<unknown> {
  const { Worker } = await import('node:worker_threads');
  const data: ContextData = {
    environment: context.environment,
    action: context.action,
    repoRoot: context.repoRoot,
    candidate: context.candidate,
    production: context.production,
    batch: context.batch,
    excluded: context.excluded,
    env: { ...context.env },
  };
  const worker = new Worker(companionScript('gate/check-worker'), {
    workerData: { ...check.isolate, context: data },
    stdout: true,
  });
  // Forwarded chunk by chunk: a pipe would add its listeners to process.stderr, one set per
  // check, and a terminated worker's stream may never end to take them off again.
  worker.stdout.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const send = (message: ToWorker) => worker.postMessage(message);

  return new Promise<unknown>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      context.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      finish();
    };
    const onAbort = () => settle(() => reject(context.signal.reason));
    if (context.signal.aborted) return onAbort();
    context.signal.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: ToMain) => {
      if (message.type === 'outcome') settle(() => resolve(message.value));
      else if (message.type === 'progress') context.progress(message.message);
      else if (message.type === 'log') process.stderr.write(message.text);
      else if (message.type === 'call') {
        callContext(context, message.method, message.args).then(
          (value) => !settled && send({ type: 'reply', id: message.id, ok: true, value }),
          (error: unknown) =>
            !settled && send({ type: 'reply', id: message.id, ok: false, error: describeError(error) }),
        );
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`it ended shipit's worker (process.exit(${code})) before answering`))),
    );
  });
}

/** The calls a worker may make into the main thread's context. */
function callContext(context: CheckContext, method: string, args: unknown[]): Promise<unknown> {
  const [first, second] = args as [never, never];
  switch (method) {
    case 'exec':
      return context.exec(first, second);
    case 'git.readFile':
      return context.git.readFile(first);
    case 'git.readFiles':
      return context.git.readFiles(first);
    case 'git.listFiles':
      return context.git.listFiles(first);
    case 'git.run':
      return context.git.run(first);
    default:
      return Promise.reject(new Error(`unknown call ${method}`));
  }
}
