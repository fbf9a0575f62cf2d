import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { liveScriptFile } from '../exec/live-scripts.js';
import { runCommand } from '../exec/run-command.js';
import type { StreamMasker } from '../secrets/mask.js';

/** How to run the team's deploy or rollback script (config `deploy`/`rollback`, validated by config/schema.ts). */
export interface ScriptConfig {
  run: string | string[];
  cwd?: string;
  env?: Record<string, string>;
  /** Milliseconds. */
  timeout: number;
  /** Milliseconds the script gets to stop after Ctrl-C or SIGTERM before it is killed. */
  killGrace: number;
}

import { type ScriptVariables, scriptEnv } from '../context/script-env.js';

export interface ScriptOutcome {
  status: 'success' | 'failure' | 'aborted';
  exitCode: number | undefined;
  timedOut: boolean;
  /** The end of the output, for the record. */
  tail: string;
  durationMs: number;
}

/**
 * Runs the team's deploy or rollback script: its output streams live and goes
 * to `logFile`; its exit code decides success. Aborting `signal` (Ctrl-C,
 * SIGTERM) forwards SIGTERM and kills it after the configured grace period.
 * It never outlives shipit: if shipit dies, its supervisor stops the script's
 * process group; and while that group lives, `shipit unlock --force` on this
 * host refuses to clear the lock (see live-scripts.ts).
 */
export async function runScript(
  script: ScriptConfig,
  options: {
    repoRoot: string;
    variables: ScriptVariables;
    logFile: string;
    signal: AbortSignal;
    echo(chunk: Buffer): void;
    /** Masks each stream's output before it is echoed or logged (one per stream: a secret may be split within one). */
    mask?: () => StreamMasker;
  },
): Promise<ScriptOutcome> {
  await mkdir(dirname(options.logFile), { recursive: true });
  // Appended to: the beforeDeploy hooks' output comes first.
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const started = performance.now();
  const write = (chunk: Buffer) => {
    if (!chunk.length) return;
    options.echo(chunk);
    log.write(chunk);
  };
  const maskers = options.mask ? { stdout: options.mask(), stderr: options.mask() } : undefined;
  try {
    const result = await runCommand(script.run, {
      cwd: resolve(options.repoRoot, script.cwd ?? '.'),
      env: { ...process.env, ...scriptEnv(script.env, options.variables) },
      signal: options.signal,
      timeoutMs: script.timeout,
      killGraceMs: script.killGrace,
      keepBytes: 64 * 1024,
      live: {
        file: liveScriptFile(process.pid),
        info: {
          environment: options.variables.SHIPIT_ENVIRONMENT,
          deployId: Number(options.variables.SHIPIT_DEPLOY_ID),
        },
      },
      onOutput(chunk, stream) {
        write(maskers ? maskers[stream].write(chunk) : chunk);
      },
    });
    if (maskers) for (const masker of Object.values(maskers)) write(masker.end());
    const status = result.aborted ? 'aborted' : result.exitCode === 0 && !result.timedOut ? 'success' : 'failure';
    return {
      status,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      tail: result.output,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await new Promise((done) => log.end(done));
  }
}
