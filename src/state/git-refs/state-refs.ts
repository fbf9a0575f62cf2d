import { GitError, git, runGit } from '../../git/git.js';
import { listLocalRefs } from '../../git/ref-lists.js';
import { isShallowRepository } from '../../git/repo.js';
import { redactCredentials } from '../../secrets/mask.js';
import { statePushRejectedError, stateRemoteError } from '../state-errors.js';

/**
 * The refs holding one environment's state, and the one way to change them:
 * a compare-and-swap. With a remote it is a push with a lease, which the
 * server applies atomically (of two machines racing, exactly one wins); the
 * local copy under the same names then mirrors it. Without a remote it is
 * `git update-ref` with an expected old value.
 */
export interface StateRefs {
  readonly remote: string | null;
  /**
   * Mirrors the remote's refs/shipit/<env>/* locally (no-op without a remote), with `alongWith`
   * in the same fetch when it can: true when they came along (see StateStore.refresh).
   */
  refresh(alongWith?: string[]): Promise<boolean>;
  /** The ref's sha in the local copy, or null when it does not exist. */
  read(ref: string): Promise<string | null>;
  /**
   * Moves `ref` from `expected` (null: must not exist) to `next` (null: delete).
   * False when the ref no longer held `expected`; throws when refused for another reason.
   */
  swap(ref: string, expected: string | null, next: string | null): Promise<boolean>;
}

export function createStateRefs(cwd: string, remote: string | null, prefix: string): StateRefs {
  // Every ref of the environment in one listing (a command reads the history and the lock: one look
  // at git's ref files, or one git process, not two). A snapshot answers each ref once: a second read
  // of a ref (a lock wait polling) takes a new one, and so does any read after a fetch or a write.
  let snapshot: { refs: Promise<Map<string, string>>; served: Set<string> } | undefined;
  const forget = () => {
    snapshot = undefined;
  };
  const read = async (ref: string) => {
    if (!snapshot || snapshot.served.has(ref)) snapshot = { refs: listLocalRefs(cwd, [prefix]), served: new Set() };
    snapshot.served.add(ref);
    return (await snapshot.refs).get(ref) ?? null;
  };
  const setLocal = (ref: string, next: string | null) =>
    git(next ? ['update-ref', ref, next] : ['update-ref', '-d', ref], { cwd }).finally(forget);

  if (remote === null) {
    return {
      remote,
      read,
      refresh: async () => false,
      async swap(ref, expected, next) {
        const args = next ? ['update-ref', ref, next, expected ?? ''] : ['update-ref', '-d', ref, expected ?? ''];
        try {
          await git(args, { cwd }).finally(forget);
          return true;
        } catch (error) {
          if (error instanceof GitError && (await read(ref)) !== expected) return false;
          throw error;
        }
      },
    };
  }

  let shallow: Promise<boolean> | undefined;
  const isShallow = () => {
    shallow ??= isShallowRepository(cwd);
    return shallow;
  };
  const fetch = async (alongWith: string[]) => {
    const args = [
      'fetch',
      '--quiet',
      '--prune',
      '--no-tags',
      '--no-write-fetch-head',
      '--no-recurse-submodules',
      '--no-auto-gc',
    ];
    // The history keeps deployed commits as parents; a shallow CI checkout would fetch their whole
    // ancestry. The newest history commit alone holds every record, so one level is all we need.
    if (await isShallow()) args.push('--depth=1');
    return runGit([...args, remote, `+${prefix}*:${prefix}*`, ...alongWith], {
      cwd,
      okExitCodes: [1, 128],
      detached: true,
    }).finally(forget);
  };
  const refresh = async (alongWith: string[] = []) => {
    // Not in a shallow clone: one level deep would cut the history of the other refs too.
    if (alongWith.length && !(await isShallow())) {
      // A failure may be theirs (a branch gone): the state's own fetch below says whether it is ours.
      if ((await fetch(alongWith)).exitCode === 0) return true;
    }
    const result = await fetch([]);
    if (result.exitCode !== 0) throw stateRemoteError(remote, 'fetch', firstLine(result.stderr));
    return false;
  };

  return {
    remote,
    read,
    refresh,
    async swap(ref, expected, next) {
      // --no-verify: the user's own pre-push hooks (tests, linters) are about their branches, not our refs.
      const args = [
        'push',
        '--porcelain',
        '--no-verify',
        '--no-follow-tags',
        `--force-with-lease=${ref}:${expected ?? ''}`,
      ];
      // Detached: a terminal's Ctrl-C reaches the whole foreground group, and a push killed half-way
      // leaves the remote and our copy disagreeing. It finishes; the caller then honours the interrupt.
      const result = await runGit([...args, remote, `${next ?? ''}:${ref}`], {
        cwd,
        okExitCodes: [1, 128],
        detached: true,
      });
      if (result.exitCode === 0) {
        await setLocal(ref, next);
        return true;
      }
      const status = result.stdout.split('\n').find((line) => line.split('\t')[1]?.endsWith(`:${ref}`));
      if (!status) throw stateRemoteError(remote, 'push', firstLine(result.stderr));
      // A lost race and a refusal look alike in push's report; what the remote now holds tells them apart.
      // "stale info" is the lease itself failing: a race even when the ref moved back before our look.
      await refresh();
      if ((await read(ref)) !== expected || status.includes('stale info')) return false;
      throw statePushRejectedError(ref, describeRefusal(status, result.stderr));
    },
  };
}

function describeRefusal(status: string, stderr: string): string {
  const summary = (status.split('\t')[2] ?? '').replace(/^\[[^\]]*\]\s*/, '').replace(/^\((.*)\)$/, '$1');
  const remoteSays = stderr
    .split('\n')
    .filter((line) => line.startsWith('remote:'))
    .map((line) => line.slice('remote:'.length).trim())
    .filter(Boolean);
  const said = remoteSays.length ? ` (remote: ${redactCredentials(remoteSays.join(' ')).slice(0, 300)})` : '';
  return `${summary || 'rejected'}${said}`;
}

function firstLine(stderr: string): string {
  const line = stderr.split('\n').find((text) => text.trim()) ?? 'no output';
  return redactCredentials(line.replace(/^(fatal|error): /, '').trim());
}
