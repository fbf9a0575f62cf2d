// The full YAML parser, for the files the fast reader declines. Kept in its own
// module and imported statically here: parse.ts loads this module on demand, and
// a static named import is what the bundler turns into working CommonJS interop
// (a dynamic `import('yaml')` in the bundle resolves to `{ default }` only).
import { isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';

export interface DuplicateKey {
  keys: string[];
  line: number | undefined;
}

export interface FullYaml {
  document: unknown;
  /** Each key a mapping repeats, as its path from the root, with its line. */
  duplicates: DuplicateKey[];
}

/** The first error of a document YAML cannot read, with its line. */
export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

/**
 * Parses as Rails (Psych) loads a locale file: merge keys apply, and a key a
 * mapping repeats takes its last value. Each repetition is returned, to warn.
 */
export function parseFullYaml(text: string): FullYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { merge: true, uniqueKeys: false, lineCounter });
  const error = document.errors[0];
  if (error) {
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new YamlSyntaxError(message, error.linePos?.[0].line);
  }
  try {
    return { document: document.toJS(), duplicates: duplicateKeys(document, lineCounter) };
  } catch (failure) {
    // Aliases past yaml's limit (a "billion laughs" file) fail here, not in the parse.
    throw new YamlSyntaxError(failure instanceof Error ? failure.message : String(failure), undefined);
  }
}

function duplicateKeys(document: ReturnType<typeof parseDocument>, lineCounter: LineCounter): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  visit(document, {
    Map(_, map, path) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (key === '<<' || !seen.has(key)) {
          seen.add(key);
          continue;
        }
        const parents = path.filter(isPair).map((parent) => (isScalar(parent.key) ? parent.key.value : parent.key));
        const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
        const line = offset === undefined ? undefined : lineCounter.linePos(offset).line;
        found.push({ keys: [...parents, key].map(String), line });
      }
    },
  });
  return found;
}
