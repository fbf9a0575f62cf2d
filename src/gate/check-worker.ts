// Runs one JS check (inline in the config, or a plugin) in a worker thread.
// It loads the config itself, so the check's code and everything it closes
// over live here, not in shipit's main thread; what the check may reach of
// the outside (commands, git, progress) goes through messages (isolate.ts),
// so its child processes stay under the main thread's control.
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config/load.js';
import type { CheckContext, GitReader } from './contract.js';
import type { ContextData, ToMain, ToWorker } from './isolate-messages.js';

const data = workerData as { configFile: string; name: string; context: ContextData };
const port = parentPort as NonNullable<typeof parentPort>;
const post = (message: ToMain) => port.postMessage(message);

const controller = new AbortController();
const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let nextId = 1;

port.on('message', (message: ToWorker) => {
  if (message.type === 'abort') controller.abort(new Error(message.reason));
  if (message.type !== 'reply') return;
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

const loaded = await loadConfig({
  cwd: dirname(data.configFile),
  repoRoot: data.context.repoRoot,
  explicitPath: data.configFile,
});
const check = loaded.checks.find((candidate) => candidate.name === data.name);
if (!check) throw new Error(`the check "${data.name}" is no longer in ${data.configFile}`);
post({ type: 'outcome', value: await check.run(context) });
