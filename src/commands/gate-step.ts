import { appendFile } from 'node:fs/promises';
import type { Output } from '../cli/output.js';
import { checkContextFactory } from '../context/check-context.js';
import type { DeployContext } from '../context/resolve-context.js';
import { describeError } from '../errors.js';
import type { Action, Check, CheckResult, Commit } from '../gate/contract.js';
import { runGate } from '../gate/runner.js';
import { checkAnnotations, isGitHubActions } from '../notify/github-actions.js';
import { createGateReport, type GateReport, toJson } from '../report/gate-report.js';
import { createLiveProgress } from '../report/live-progress.js';
import { renderMarkdownReport } from '../report/markdown-report.js';
import { renderTextReport } from '../report/text-report.js';
import { safeLine } from '../report/untrusted-text.js';

export interface GateStepOptions {
  action: Action;
  checks: Check[];
  skips: ReadonlyMap<string, string>;
  concurrency?: number;
  /** The release commit when commits are excluded: file-reading checks read it. */
  readSha?: string;
  excluded?: Commit[];
  /** Results that do not come from a check, e.g. the lock line. */
  extraResults?: CheckResult[];
  signal?: AbortSignal;
  /** Environment variables the config names as secrets: their values are masked in the results. */
  secretNames?: readonly string[];
}

/** Runs the gate for a resolved context with live progress, and returns the report. */
export async function runGateStep(
  context: DeployContext,
  options: GateStepOptions,
  output: Output,
): Promise<GateReport> {
  const progress = await createLiveProgress(output.interactive && !output.json);
  const makeContext = checkContextFactory(context, {
    action: options.action,
    readSha: options.readSha,
    excluded: options.excluded,
  });
  let results: CheckResult[];
  const started = performance.now();
  try {
    results = await runGate(options.checks, makeContext, {
      concurrency: options.concurrency,
      skips: options.skips,
      signal: options.signal,
      secretNames: options.secretNames,
      ...progress,
    });
  } finally {
    progress.stop();
  }
  return createGateReport({
    environment: context.environment,
    candidate: options.readSha ? { sha: options.readSha, ref: context.candidate.ref } : context.candidate,
    production: context.production,
    batch: context.batch,
    excluded: options.excluded ?? [],
    notes: context.notes,
    results: [...(options.extraResults ?? []), ...results],
    durationMs: Math.round(performance.now() - started),
  });
}

/** Prints the report (text, or the JSON object) and appends it to the GitHub Actions step summary. */
export async function publishGateReport(report: GateReport, output: Output): Promise<void> {
  if (output.json) output.printJson(toJson(report));
  else output.print(renderTextReport(report, output.chalk));
  if (isGitHubActions()) {
    // Annotations show on the run's summary page; with --json they go to stderr, which Actions reads too.
    for (const line of checkAnnotations(report.results, report.environment)) {
      if (output.json) process.stderr.write(`${line}\n`);
      else output.print(line);
    }
  }
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (!summaryFile) return;
  try {
    await appendFile(summaryFile, renderMarkdownReport(report));
  } catch (error) {
    // The summary is a copy of the report just printed: losing it must not turn a gate result into a
    // failure. On stderr even with --json, where stdout holds only the report.
    process.stderr.write(
      `warning: could not append the report to GITHUB_STEP_SUMMARY (${safeLine(summaryFile)}): ${safeLine(describeError(error))}\n`,
    );
  }
}
