import { describe, expect, it } from 'vitest';
import type { Commit } from '../../src/gate/contract.js';
import { gitSupports, isAtLeast, parseGitVersion } from '../../src/git/git-version.js';
import { releaseMessage } from '../../src/release/release-message.js';
import { shippingBatch } from '../../src/release/shipping-batch.js';

const commit = (sha: string, parents: string[], subject = `commit ${sha}`): Commit => ({
  sha,
  shortSha: sha.slice(0, 7),
  subject,
  authorName: 'dev',
  authorEmail: 'dev@example.com',
  date: '2026-01-01T00:00:00Z',
  parents,
});

describe('git version detection', () => {
  it('reads the version from the forms git prints on each platform', () => {
    expect(parseGitVersion('git version 2.39.5\n')).toEqual({ major: 2, minor: 39, patch: 5 });
    expect(parseGitVersion('git version 2.37.1 (Apple Git-137.1)')).toEqual({ major: 2, minor: 37, patch: 1 });
    expect(parseGitVersion('git version 2.44.0.windows.1')).toEqual({ major: 2, minor: 44, patch: 0 });
    expect(parseGitVersion('git version 3.0')).toEqual({ major: 3, minor: 0, patch: 0 });
    expect(parseGitVersion('hub version 2.14')).toBeNull();
  });

  it('compares versions part by part', () => {
    const wanted = { major: 2, minor: 38, patch: 0 };
    expect(isAtLeast({ major: 2, minor: 39, patch: 5 }, wanted)).toBe(true);
    expect(isAtLeast({ major: 2, minor: 37, patch: 9 }, wanted)).toBe(false);
    expect(isAtLeast({ major: 3, minor: 0, patch: 0 }, wanted)).toBe(true);
    expect(isAtLeast({ major: 1, minor: 99, patch: 0 }, wanted)).toBe(false);
  });

  it('answers for the installed git (2.39 here: write-tree yes, --merge-base no)', async () => {
    expect(await gitSupports(process.cwd(), 'merge-tree-write-tree')).toBe(true);
    const installed = parseGitVersion((await import('node:child_process')).execSync('git --version').toString())!;
    const expected = isAtLeast(installed, { major: 2, minor: 40, patch: 0 });
    expect(await gitSupports(process.cwd(), 'merge-tree-merge-base')).toBe(expected);
  });
});

describe('shippingBatch', () => {
  // main: p <- a <- m(a, b2) <- c ; the PR: p <- b1 <- b2
  const b1 = commit('b1', ['p']);
  const b2 = commit('b2', ['b1']);
  const a = commit('a', ['p']);
  const m = commit('m', ['a', 'b2']);
  const c = commit('c', ['m']);
  const batch = [c, m, b2, b1, a];

  it('drops an excluded plain commit and nothing else', () => {
    expect(shippingBatch(batch, [a]).map((x) => x.sha)).toEqual(['c', 'm', 'b2', 'b1']);
    expect(shippingBatch(batch, [c]).map((x) => x.sha)).toEqual(['m', 'b2', 'b1', 'a']);
  });

  it('drops an excluded merge together with the commits only its pull request brought in', () => {
    expect(shippingBatch(batch, [m]).map((x) => x.sha)).toEqual(['c', 'a']);
    expect(shippingBatch(batch, [c, m, a])).toEqual([]);
  });
});

describe('releaseMessage', () => {
  it('keeps a reason on one line so it can never hide the trailer', () => {
    const message = releaseMessage([{ commit: commit('a'.repeat(40), ['p']), reason: '  broke login\n\nsee  INC-7 ' }]);
    expect(message).toBe(
      `Revert "commit ${'a'.repeat(40)}"\n\nThis reverts commit ${'a'.repeat(40)}.\n\nbroke login see INC-7\n\n` +
        `Shipit-Excluded: ${'a'.repeat(40)}\n`,
    );
  });

  it('writes each reason under its own block when several exclusions have different reasons', () => {
    const first = commit('1'.repeat(40), ['p'], 'feat: one');
    const second = commit('2'.repeat(40), ['p'], 'feat: two');
    const message = releaseMessage([
      { commit: first, reason: 'slow' },
      { commit: second, reason: 'wrong' },
    ]);
    expect(message).toBe(
      `Revert 2 commits excluded from release\n\n` +
        `Revert "feat: one"\nThis reverts commit ${first.sha}.\nslow\n\n` +
        `Revert "feat: two"\nThis reverts commit ${second.sha}.\nwrong\n\n` +
        `Shipit-Excluded: ${first.sha} ${second.sha}\n`,
    );
  });
});
