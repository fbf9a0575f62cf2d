import { describe, expect, it } from 'vitest';
import { plural } from '../../src/text/plural.js';
import { shortSha } from '../../src/text/sha.js';

describe('plural', () => {
  it('says one and many', () => {
    expect(plural(1, 'commit')).toBe('1 commit');
    expect(plural(0, 'commit')).toBe('0 commits');
    expect(plural(3, 'author')).toBe('3 authors');
  });

  it('takes the plural of nouns that do not just add an s', () => {
    expect(plural(1, 'placeholder mismatch', 'placeholder mismatches')).toBe('1 placeholder mismatch');
    expect(plural(2, 'placeholder mismatch', 'placeholder mismatches')).toBe('2 placeholder mismatches');
  });

  it('groups thousands so big counts read at a glance', () => {
    expect(plural(12_345, 'key')).toBe('12,345 keys');
  });
});

describe('shortSha', () => {
  it('shows seven characters of a full sha, and a short one as it is', () => {
    expect(shortSha('3f9c2e1a8b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e')).toBe('3f9c2e1');
    expect(shortSha('3f9c')).toBe('3f9c');
  });
});
