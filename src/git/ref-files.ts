import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

// Reading a few refs straight from the files git keeps them in, where that is safe: a
// `git for-each-ref` is a process start (a fork of the whole Node process) on every command's
// hot path. Whatever this reader does not fully understand it leaves to git (null): a reftable
// repository (git 2.45+, `extensions.refStorage`), a symbolic or damaged ref, an unusual name,
// a per-worktree ref, a packed-refs file too large to read for a handful of refs.

const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
// A conservative subset of git's ref-name rules (one path component): anything else goes to git.
const PLAIN_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const plainName = (part: string) => PLAIN_NAME.test(part) && !part.endsWith('.lock');
// Refs of one work tree live in its own .git, not the shared one: not read here.
const PER_WORKTREE = ['refs/worktree/', 'refs/bisect/', 'refs/rewritten/'];
const PACKED_REFS_MAX_BYTES = 256 * 1024;

/** Ref name to the object it points at. */
type Refs = Map<string, string>;

/**
 * The refs that start with one of `prefixes` (ending in `/`: a folder; else one ref) in the
 * shared .git `commonDir`, as `git for-each-ref` lists them, or null when git must answer.
 * Loose files first, then packed-refs, git's own order: a ref being packed, updated or
 * deleted meanwhile is seen as it was before that change or after it, never lost.
 */
export async function readRefFiles(commonDir: string, prefixes: string[]): Promise<Refs | null> {
  const names = prefixes.map((prefix) => prefix.replace(/\/$/, ''));
  const understood = (name: string) =>
    name.startsWith('refs/') &&
    !PER_WORKTREE.some((folder) => `${name}/`.startsWith(folder)) &&
    name.slice('refs/'.length).split('/').every(plainName);
  if (!names.every(understood)) return null;
  if ((await kindOf(join(commonDir, 'reftable'))) !== 'absent') return null;
  const loose: Refs = new Map();
  for (const prefix of prefixes) {
    const found = prefix.endsWith('/')
      ? await readLooseFolder(commonDir, prefix)
      : await readLooseRef(commonDir, prefix);
    if (!found) return null;
    for (const [name, sha] of found) loose.set(name, sha);
  }
  const packed = await readPackedRefs(commonDir, prefixes);
  if (!packed) return null;
  const refs = [...new Map([...packed, ...loose])];
  return new Map(refs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function readLooseFolder(commonDir: string, folder: string): Promise<Refs | null> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(commonDir, folder), { withFileTypes: true });
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? new Map() : null;
  }
  const refs: Refs = new Map();
  for (const entry of entries) {
    if (!plainName(entry.name)) return null;
    const name = `${folder}${entry.name}`;
    const found = entry.isDirectory()
      ? await readLooseFolder(commonDir, `${name}/`)
      : entry.isFile()
        ? await readLooseRef(commonDir, name)
        : null;
    if (!found) return null;
    for (const [ref, sha] of found) refs.set(ref, sha);
  }
  return refs;
}

/** One loose ref: absent (packed, deleted meanwhile, never written) is an empty answer. */
async function readLooseRef(commonDir: string, name: string): Promise<Refs | null> {
  let content: string;
  try {
    content = await readFile(join(commonDir, name), 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? new Map() : null;
  }
  const sha = content.trim();
  // Symbolic (`ref: …`) or damaged: git's to say.
  return OBJECT_ID.test(sha) ? new Map([[name, sha]]) : null;
}

async function readPackedRefs(commonDir: string, prefixes: string[]): Promise<Refs | null> {
  const path = join(commonDir, 'packed-refs');
  let text: string;
  try {
    if ((await stat(path)).size > PACKED_REFS_MAX_BYTES) return null;
    text = await readFile(path, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? new Map() : null;
  }
  const wanted = (name: string) =>
    prefixes.some((prefix) => (prefix.endsWith('/') ? name.startsWith(prefix) : name === prefix));
  const refs: Refs = new Map();
  for (const line of text.split('\n')) {
    // The header (`# pack-refs with: …`) and peeled tags (`^<sha>`) say nothing about which refs exist.
    if (line === '' || line.startsWith('#') || line.startsWith('^')) continue;
    const space = line.indexOf(' ');
    const [sha, name] = [line.slice(0, space), line.slice(space + 1)];
    if (space === -1 || !OBJECT_ID.test(sha)) return null;
    if (!wanted(name)) continue;
    if (!name.slice('refs/'.length).split('/').every(plainName)) return null;
    refs.set(name, sha);
  }
  return refs;
}

async function kindOf(path: string): Promise<'absent' | 'present' | 'unknown'> {
  try {
    await stat(path);
    return 'present';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'unknown';
  }
}

/**
 * Where the symbolic ref `name` (e.g. refs/remotes/origin/HEAD) points, read from its file:
 * `{ target: null }` when there is no such ref, null when git must answer. Symbolic refs are
 * never packed, so the loose file is the whole truth in a files repository.
 */
export async function readSymbolicRefFile(commonDir: string, name: string): Promise<{ target: string | null } | null> {
  const understood = name.startsWith('refs/remotes/') && name.slice('refs/'.length).split('/').every(plainName);
  if (!understood || (await kindOf(join(commonDir, 'reftable'))) !== 'absent') return null;
  let content: string;
  try {
    content = await readFile(join(commonDir, name), 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { target: null } : null;
  }
  const target = /^ref: (refs\/\S+)\n?$/.exec(content)?.[1];
  return target ? { target } : null;
}
