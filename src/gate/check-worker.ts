// Runs one JS check (inline in the config, or a plugin) in a worker thread.
// It loads the config itself, so the check's code and everything it closes
// over live here, not in shipit's main thread; what the check may reach of
// the outside (commands, git, progress) goes through messages (isolate.ts),
// so its child processes stay under the main thread's control.
import { Console } from 'node:console';
import { basename, dirname } from 'node:path';
import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { exportedValue, importModule } from '../config/import-module.js';
import { routeConsole, STDERR_METHODS, STDOUT_METHODS } from '../text/console-routing.js';
import type { CheckContext, CheckOutcome, GitReader } from './contract.js';
import type { ContextData, ToMain, ToWorker } from './isolate-messages.js';

const data = workerData as { configFile: string; index: number; environment?: string; context: ContextData };
const port = parentPort as NonNullable<typeof parentPort>;
const post = (message: ToMain) => port.postMessage(message);

// The check's console output travels in order with its answer, so none is lost when the worker
// is ended right after answering; the main thread writes it to stderr (never into --json stdout).
const toMain = new Writable({
  write(chunk: Buffer, _encoding, done) {
    post({ type: 'log', text: chunk.toString() });
    done();
  },
});
const logger = new Console({ stdout: toMain, stderr: toMain });
routeConsole(logger, [...STDOUT_METHODS, ...STDERR_METHODS]);

// Never aborted here: a check that times out or is interrupted has its whole worker terminated.
const controller = new AbortController();
const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let nextId = 1;

port.on('message', (message: ToWorker) => {
  const call = pending.get(message.id);
  pending.delete(message.id);
  if (message.ok) call?.resolve(message.value);
  else call?.reject(new Error(message.error));
});

function call<T>(method: string, args: unknown[]): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    post({ type: 'call', id, method, args });
  });
}

const git: GitReader = {
  sha: data.context.candidate.sha,
  readFile: (path) => call('git.readFile', [path]),
  readFiles: (paths) => call('git.readFiles', [paths]),
  listFiles: (patterns) => call('git.listFiles', [patterns]),
  run: (args) => call('git.run', [args]),
};

const context: CheckContext = {
  ...data.context,
  signal: controller.signal,
  git,
  exec: (command, options) => call('exec', [command, options]),
  progress: (message) => post({ type: 'progress', message: String(message) }),
};

post({ type: 'outcome', value: await (await loadCheck())(context) });

/**
 * A JS or TS config is imported and only this check's entry resolved: the
 * config was validated whole by the main thread already, and this is the fast
 * path. Other formats (a plugin named in YAML or JSON) go through loadConfig.
 */
async function loadCheck(): Promise<(ctx: CheckContext) => Promise<CheckOutcome> | CheckOutcome> {
  const { configFile, index, environment } = data;
  if (/\.[cm]?[jt]s$/.test(configFile)) {
    const config = exportedValue(await importModule(configFile)) as {
      checks?: unknown[];
      environments?: Record<string, { checks?: unknown[] }>;
    };
    const entries = environment
      ? (await import('../config/environment-checks.js')).combineChecks(
          config.checks ?? [],
          config.environments?.[environment]?.checks,
          environment,
        ).entries
      : config.checks;
    const entry = entries?.[index] as { type?: unknown; run?: unknown } | undefined;
    // An inline check needs nothing but its function (zod and the resolver cost a worker more than the rest).
    if (entry && entry.type === undefined && typeof entry.run === 'function') {
      return entry.run as (ctx: CheckContext) => Promise<CheckOutcome>;
    }
    const { resolveChecks } = await import('../config/resolve-checks.js');
    const setup = { github: undefined, remote: 'origin' };
    const [check] = await resolveChecks([entry], {
      configDir: dirname(configFile),
      label: basename(configFile),
      setup,
    });
    if (check) return check.run;
  }
  const { loadConfig } = await import('../config/load.js');
  const loaded = await loadConfig({
    cwd: dirname(configFile),
    repoRoot: data.context.repoRoot,
    explicitPath: configFile,
    environment,
  });
  const check = loaded.checks[index];
  if (!check) throw new Error(`checks[${index}] is no longer in ${configFile}`);
  return check.run;
}
