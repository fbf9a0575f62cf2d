import { describe, expect, it } from 'vitest';
import { readFlatYaml } from '../../../src/checks/translations/flat-yaml.js';
import { PRIMING_DOCUMENTS, primeFastReaderFor } from '../../../src/checks/translations/prime-reader.js';
import { parseSimpleYaml } from '../../../src/checks/translations/simple-yaml.js';
import { streamYamlTarget } from '../../../src/checks/translations/stream-yaml-target.js';
import { deviseLocales } from './corpus.js';
import { disagreement } from './yaml-differential.js';

// Priming is worth its cost only if every line of its documents goes the fast reader's whole way:
// a document it declines would leave the kinds of line after the declined one unprimed.
describe('priming the fast YAML reader', () => {
  it('uses documents the fast reader takes whole, reading them as the yaml package does', () => {
    for (const document of PRIMING_DOCUMENTS) {
      expect(parseSimpleYaml(document)).not.toBeUndefined();
      expect(readFlatYaml(document)).not.toBeUndefined();
      expect(disagreement(document)).toBeUndefined();
      const keys: string[] = [];
      expect(streamYamlTarget(Buffer.from(document), 'en', { entry: (_, leaf) => void keys.push(leaf) }, 1)).toBe(true);
      expect(keys).toContain('literal');
    }
    // Both string widths: an English file decodes to one-byte strings, most targets to two-byte ones.
    expect(PRIMING_DOCUMENTS.some((document) => /[^\u0000-\u00ff]/.test(document))).toBe(true);
    expect(PRIMING_DOCUMENTS.some((document) => !/[^\u0000-\u00ff]/.test(document))).toBe(true);
  });

  it('changes no reading: the real files read the same before and after it', async () => {
    const corpus = [...(await deviseLocales()).values()];
    const read = () => corpus.map((text) => JSON.stringify(readFlatYaml(text)?.document));
    const before = read();
    primeFastReaderFor(Number.MAX_SAFE_INTEGER);
    expect(read()).toEqual(before);
  });
});
