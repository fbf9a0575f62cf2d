import * as z from '../validation/zod.js';
import { corruptRecordError } from './state-errors.js';

/** `adopt`: a release shipit did not run, recorded as live (`shipit adopt`); no script ran. */
export type DeployAction = 'deploy' | 'rollback' | 'adopt';
/** `verifying`: live, its verification window still running; `faulty`: live once, failed its verification. */
export type DeployStatus = 'running' | 'verifying' | 'success' | 'failure' | 'aborted' | 'faulty';

export interface ExcludedCommit {
  sha: string;
  subject: string;
  reason: string;
  by: string;
  /** The deploy that first held it back. */
  deployId: number;
}

/** How one lifecycle hook ran (docs/hooks.md): `name` is the hook's config key, e.g. `afterDeploy`. */
export interface HookResult {
  name: string;
  status: 'success' | 'failure' | 'timeout' | 'aborted';
  exitCode?: number;
  message?: string;
  durationMs: number;
}

/** One round of a verification window: when it ran, whether it passed, which checks failed. */
export interface VerificationRound {
  at: string;
  ok: boolean;
  failing: string[];
}

/** The verification window after a deploy (docs/verify.md): its settings, rounds and verdict. */
export interface RecordVerification {
  startedAt: string;
  finishedAt?: string;
  forMs: number;
  everyMs: number;
  failAfter: number;
  onFailure: 'rollback' | 'lock' | 'none';
  /** How many rounds ran; `rounds` keeps the last ones only. */
  roundCount: number;
  rounds: VerificationRound[];
  verdict?: 'passed' | 'failed' | 'interrupted';
  /** For a failed window with onFailure 'rollback': the rollback's record and how it ended. */
  rollback?: { id?: number; sha: string; status: string; message?: string };
}

/** Statuses of a release that went live and may still run: `verifying` is live, not yet `success`. */
export const LIVE_STATUSES: readonly DeployStatus[] = ['success', 'verifying'];

/** One deploy or rollback of one environment, as the whole team sees it. */
export interface DeployRecord {
  /** 1, 2, 3… per environment. */
  id: number;
  action: DeployAction;
  status: DeployStatus;
  environment: string;
  /** What went live: the release commit when commits were excluded. */
  sha: string;
  /** The branch commit the release was built from. */
  candidate: string;
  ref: string;
  /** What was live before, null for a first deploy. */
  previousSha: string | null;
  excluded: ExcludedCommit[];
  user: string;
  host: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  forced?: { reason: string; ignoredChecks: string[] };
  /** Checks left out of the gate with `deploy --skip`, and why. */
  skipped?: { reason: string; checks: string[] };
  exitCode?: number;
  message?: string;
  /** The lifecycle hooks that ran, in order (absent when none is configured). */
  hooks?: HookResult[];
  /** Set by `deploy --from`: the deploy of the other environment whose release this one ships. */
  promotedFrom?: { environment: string; deployId: number };
  /** What started it when no person did: `auto` for `shipit auto` (`user` is then the CI actor or the user). */
  trigger?: DeployTrigger;
  /** Set when the deploy had a verification window (deploy.verify). */
  verification?: RecordVerification;
}

export type DeployTrigger = 'auto';

/** An exclusion as a new deploy states it: without a deployId, it is held back by this very deploy. */
export type NewExclusion = Omit<ExcludedCommit, 'deployId'> & { deployId?: number };

/** What the caller decides when a deploy starts; the store adds id, status, environment, who and when. */
export type NewRecord = Pick<DeployRecord, 'action' | 'sha' | 'candidate' | 'ref' | 'previousSha'> &
  Partial<Pick<DeployRecord, 'forced' | 'skipped' | 'user' | 'startedAt' | 'message' | 'promotedFrom' | 'trigger'>> & {
    excluded?: NewExclusion[];
  };

/** What may change once a deploy runs. finishedAt and durationMs are filled when the status leaves `running`. */
export type RecordPatch = Partial<
  Pick<
    DeployRecord,
    | 'status'
    | 'sha'
    | 'excluded'
    | 'finishedAt'
    | 'durationMs'
    | 'forced'
    | 'exitCode'
    | 'message'
    | 'hooks'
    | 'trigger'
    | 'verification'
  >
>;

// Built on first use: most commands never read a record, and zod's schema building shows in start-up.
let recordSchema: ReturnType<typeof buildRecordSchema> | undefined;

function buildRecordSchema() {
  const sha = z.string().check(z.regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'expected a full commit sha'));
  const isoDate = z.string().check(z.refine((text) => !Number.isNaN(Date.parse(text)), 'expected an ISO date'));
  const int = () => z.number().check(z.int());
  const count = () => z.number().check(z.nonnegative());

  return z.object({
    id: z.number().check(z.int(), z.positive()),
    action: z.enum(['deploy', 'rollback', 'adopt']),
    status: z.enum(['running', 'verifying', 'success', 'failure', 'aborted', 'faulty']),
    environment: z.string(),
    sha,
    candidate: sha,
    ref: z.string(),
    previousSha: z.nullable(sha),
    excluded: z.array(z.object({ sha, subject: z.string(), reason: z.string(), by: z.string(), deployId: int() })),
    user: z.string(),
    host: z.string(),
    startedAt: isoDate,
    finishedAt: z.optional(isoDate),
    durationMs: z.optional(count()),
    forced: z.optional(z.object({ reason: z.string(), ignoredChecks: z.array(z.string()) })),
    skipped: z.optional(z.object({ reason: z.string(), checks: z.array(z.string()) })),
    exitCode: z.optional(int()),
    message: z.optional(z.string()),
    hooks: z.optional(
      z.array(
        z.object({
          name: z.string(),
          status: z.enum(['success', 'failure', 'timeout', 'aborted']),
          exitCode: z.optional(int()),
          message: z.optional(z.string()),
          durationMs: count(),
        }),
      ),
    ),
    promotedFrom: z.optional(z.object({ environment: z.string(), deployId: int() })),
    trigger: z.optional(z.enum(['auto'])),
    verification: z.optional(
      z.object({
        startedAt: isoDate,
        finishedAt: z.optional(isoDate),
        forMs: count(),
        everyMs: count(),
        failAfter: z.number().check(z.int(), z.positive()),
        onFailure: z.enum(['rollback', 'lock', 'none']),
        roundCount: z.number().check(z.int(), z.nonnegative()),
        rounds: z.array(z.object({ at: isoDate, ok: z.boolean(), failing: z.array(z.string()) })),
        verdict: z.optional(z.enum(['passed', 'failed', 'interrupted'])),
        rollback: z.optional(
          z.object({ id: z.optional(int()), sha, status: z.string(), message: z.optional(z.string()) }),
        ),
      }),
    ),
  });
}

/** Validates a record read back from git, so a hand-edited one fails with its ref and path, not a crash. */
export function parseRecord(ref: string, path: string, content: string): DeployRecord {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw corruptRecordError(ref, path, `not JSON (${(error as Error).message})`);
  }
  recordSchema ??= buildRecordSchema();
  const result = recordSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw corruptRecordError(ref, path, `${where}${issue?.message ?? 'invalid'}`);
  }
  const expectedId = recordId(path);
  if (result.data.id !== expectedId)
    throw corruptRecordError(ref, path, `id is ${result.data.id}, the file name says ${expectedId}`);
  return result.data;
}

export function serializeRecord(record: DeployRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

const ID_WIDTH = 6;

/** `000042.json`: zero-padded so a plain `ls` or `git ls-tree` lists deploys in order. */
export function recordFileName(id: number): string {
  return `${String(id).padStart(ID_WIDTH, '0')}.json`;
}

export function logFileName(id: number): string {
  return `${String(id).padStart(ID_WIDTH, '0')}.log`;
}

export function recordId(fileName: string): number {
  return Number.parseInt(fileName.replace(/^.*\//, ''), 10);
}
