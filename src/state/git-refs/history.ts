import { setTimeout as sleep } from 'node:timers/promises';
import { readBlobs } from '../../git/cat-file.js';
import { liveAndLedger } from '../live-release.js';
import {
  type DeployRecord,
  logFileName,
  type NewRecord,
  parseRecord,
  type RecordPatch,
  recordFileName,
  recordId,
  serializeRecord,
} from '../record.js';
import { keptLog, maskRecord, patchRecord, startRecord } from '../record-changes.js';
import { recordNotFoundError, stateConflictError } from '../state-errors.js';
import { type Author, readTreeDeep, type TreeEntry, writeBlob, writeCommit, writeTree } from './objects.js';
import type { StoreDeps } from './store-deps.js';

/** The history commit's tree, split into what we rewrite and what we carry over untouched. */
interface Snapshot {
  tip: string | null;
  root: TreeEntry[];
  deploys: TreeEntry[];
  logs: TreeEntry[];
}

interface Change {
  record: DeployRecord;
  log?: string | Buffer;
  /** A deployed commit to keep reachable (and fetched) with the history. */
  keep?: string;
}

const WRITE_ATTEMPTS = 5;
const RECORD_FILE = /^\d+\.json$/;

export function createHistoryOperations(deps: StoreDeps) {
  const { cwd, environment, ref, refs } = deps;

  async function snapshot(): Promise<Snapshot> {
    return snapshotAt(await refs.read(ref));
  }

  async function snapshotAt(tip: string | null): Promise<Snapshot> {
    if (!tip) return { tip, root: [], deploys: [], logs: [] };
    const entries = await readTreeDeep(cwd, tip);
    // The files directly in one folder of the root, named as in that folder.
    const inFolder = (folder: string) =>
      entries
        .filter((entry) => entry.name.startsWith(`${folder}/`) && !entry.name.includes('/', folder.length + 1))
        .map((entry) => ({ ...entry, name: entry.name.slice(folder.length + 1) }));
    const root = entries.filter((entry) => !entry.name.includes('/'));
    return { tip, root, deploys: inFolder('deploys'), logs: inFolder('logs') };
  }

  async function readRecords(entries: TreeEntry[]): Promise<DeployRecord[]> {
    const contents = await readBlobs(
      cwd,
      entries.map((entry) => entry.sha),
    );
    return entries.map((entry, index) => parseRecord(ref, `deploys/${entry.name}`, String(contents[index] ?? '')));
  }

  async function readOne(state: Snapshot, id: number): Promise<DeployRecord> {
    const entry = state.deploys.find((candidate) => candidate.name === recordFileName(id));
    if (!entry) throw recordNotFoundError(environment, id);
    const [record] = await readRecords([entry]);
    return record!;
  }

  // The chain starts at a commit of its own: were the first deployed commit the first parent,
  // `git log --first-parent` of the history would run on into the application's history.
  async function writeRootCommit(author: Author): Promise<string> {
    const message = `shipit deploy history of ${environment}\n`;
    return writeCommit(cwd, { tree: await writeTree(cwd, []), parents: [], message, author });
  }

  /** Applies `change` to the newest history and publishes it; on a lost race, re-reads and re-applies. */
  async function commitChange(change: (state: Snapshot) => Promise<Change>): Promise<DeployRecord> {
    for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
      const state = await snapshot();
      const { record, log, keep } = await change(state);
      const safeRecord = maskRecord(record, deps.secrets);
      const deploys = upsert(
        state.deploys,
        recordFileName(record.id),
        await writeBlob(cwd, serializeRecord(safeRecord)),
      );
      const logs =
        log === undefined
          ? state.logs
          : upsert(state.logs, logFileName(record.id), await writeBlob(cwd, keptLog(log, deps.secrets)));
      let root = upsert(state.root, 'deploys', await writeTree(cwd, deploys), 'tree');
      if (logs.length) root = upsert(root, 'logs', await writeTree(cwd, logs), 'tree');
      const { author } = await deps.holder();
      const previous = state.tip ?? (await writeRootCommit(author));
      const parents = keep ? [previous, keep] : [previous];
      const message = `${record.action} #${record.id}: ${record.status} ${record.sha.slice(0, 12)}\n`;
      const commit = await writeCommit(cwd, { tree: await writeTree(cwd, root), parents, message, author });
      if (await refs.swap(ref, state.tip, commit)) return safeRecord;
      await sleep(Math.random() * 100 * attempt);
    }
    throw stateConflictError(ref, WRITE_ATTEMPTS);
  }

  // A history commit never changes: the records of the tip read in full last time are kept, so a
  // process that reads the history again and again (`auto --interval`) reads git only when it moved.
  let lastRead: { tip: string; records: DeployRecord[] } | undefined;

  async function listRecords(options: { limit?: number } = {}): Promise<DeployRecord[]> {
    await deps.ensureFresh();
    const tip = await refs.read(ref);
    const { limit } = options;
    if (tip && lastRead?.tip === tip) return lastRead.records.slice(0, limit);
    const { deploys } = await snapshotAt(tip);
    const newestFirst = deploys
      .filter((entry) => RECORD_FILE.test(entry.name))
      .sort((a, b) => recordId(b.name) - recordId(a.name));
    const records = await readRecords(limit === undefined ? newestFirst : newestFirst.slice(0, limit));
    if (tip && limit === undefined) lastRead = { tip, records };
    return records.slice();
  }

  return {
    listRecords,

    async readRecord(id: number): Promise<DeployRecord> {
      await deps.ensureFresh();
      return readOne(await snapshot(), id);
    },

    /** The end of the script's output saved with the record, or null when none was saved. */
    async readLog(id: number): Promise<string | null> {
      await deps.ensureFresh();
      const entry = (await snapshot()).logs.find((candidate) => candidate.name === logFileName(id));
      if (!entry) return null;
      const [content] = await readBlobs(cwd, [entry.sha]);
      return content ? content.toString('utf8') : null;
    },

    /** The live release: the newest record whose deploy or rollback succeeded, or is verifying (it runs). */
    async lastSuccessful(): Promise<DeployRecord | null> {
      return liveAndLedger(await listRecords()).live;
    },

    /** Records a deploy that starts now, with the next id, as `running`. */
    async createRecord(fields: NewRecord): Promise<DeployRecord> {
      await deps.ensureFresh();
      const holder = await deps.holder();
      return commitChange(async (state) => {
        const ids = state.deploys.filter((entry) => RECORD_FILE.test(entry.name)).map((entry) => recordId(entry.name));
        const record = startRecord(fields, Math.max(0, ...ids) + 1, environment, holder);
        return { record, keep: record.sha };
      });
    },

    /** Changes a record (running → success, failure or aborted), optionally saving the tail of its output. */
    async updateRecord(id: number, patch: RecordPatch, options: { log?: string | Buffer } = {}): Promise<DeployRecord> {
      await deps.ensureFresh();
      return commitChange(async (state) => {
        const before = await readOne(state, id);
        const record = patchRecord(before, patch);
        return { record, log: options.log, keep: record.sha !== before.sha ? record.sha : undefined };
      });
    },
  };
}

function upsert(entries: TreeEntry[], name: string, sha: string, type: TreeEntry['type'] = 'blob'): TreeEntry[] {
  const entry: TreeEntry = { mode: type === 'tree' ? '040000' : '100644', type, sha, name };
  return [...entries.filter((candidate) => candidate.name !== name), entry];
}
