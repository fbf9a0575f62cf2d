import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gitCommonDir } from '../git/repo.js';
import * as z from '../validation/zod.js';
import type { RecordPatch } from './record.js';

/**
 * A deploy's outcome that is not in the shared history yet: written to
 * `.git/shipit/pending/<env>.json` before the history write is tried, removed
 * once it succeeded. The next shipit command that opens the store writes it
 * (or `shipit repair`), so a refused push never leaves a record `running`.
 */
export interface PendingOutcome {
  id: number;
  action: 'deploy' | 'rollback';
  patch: RecordPatch;
  /** The (already masked) end of the script's output, as UTF-8. */
  log?: string;
  /** The lock the deploy kept while its outcome was unrecorded; released once it is written. */
  lockSha: string | null;
  /** Where the history lives (null: this .git): only a store on the same remote may write it. */
  remote: string | null;
  savedAt: string;
}

// Built on first use: a pending outcome is rare, and zod's schema building shows in start-up.
let pendingSchema: ReturnType<typeof buildPendingSchema> | undefined;

const buildPendingSchema = () =>
  z.object({
    id: z.number().check(z.int(), z.positive()),
    action: z.enum(['deploy', 'rollback']),
    patch: z.record(z.string(), z.unknown()),
    log: z.optional(z.string()),
    lockSha: z.nullable(z.string()),
    remote: z.nullable(z.string()),
    savedAt: z.string(),
  });

export function createPendingFile(cwd: string, environment: string) {
  let path: Promise<string> | undefined;
  const pathOf = () => {
    path ??= gitCommonDir(cwd).then((dir) => join(dir, 'shipit', 'pending', `${environment}.json`));
    return path;
  };

  return {
    pathOf,

    async read(): Promise<PendingOutcome | null> {
      let text: string;
      try {
        text = await readFile(await pathOf(), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      // A file cut short by a crash mid-write cannot happen (rename is atomic); a hand-edited one is ignored.
      pendingSchema ??= buildPendingSchema();
      const parsed = pendingSchema.safeParse(safeJson(text));
      return parsed.success ? (parsed.data as PendingOutcome) : null;
    },

    /** Written to a temporary file and renamed: a crash leaves the old file or the new one, never half of one. */
    async save(outcome: PendingOutcome): Promise<void> {
      const file = await pathOf();
      await mkdir(join(file, '..'), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(outcome, null, 2)}\n`, { mode: 0o600 });
      await rename(temporary, file);
    },

    async remove(): Promise<void> {
      await rm(await pathOf(), { force: true });
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
