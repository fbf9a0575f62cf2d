import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, type ImportEdge, importsOf, sourceFiles } from './import-graph.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The layers of src/, highest first: a file may import from its own layer or a lower
 * one, never from a higher one. A folder of src/ (or a file at its root) is one place;
 * a single file is listed only when it sits apart from its folder, and says why.
 *
 * Issue 15 orders config -> context -> gate -> report -> deploy -> state -> git. Two
 * layers stand higher here, because the code depends that way and should: report sits
 * above gate (a report renders the gate's results and verdict), and deploy above context,
 * and so above gate and report (a deploy plan resolves the context the gate then checks).
 * Files apart from their folder: the entry points at the top, the check contract at the bottom.
 */
const LAYERS: { places: string[]; why: string }[] = [
  {
    places: ['cli/main.ts', 'index.ts', 'gate/check-worker.ts'],
    why: 'entry points; the check worker is a thread main that rebuilds its check from the config',
  },
  { places: ['commands'], why: 'one file per command: call the layers below, print the outcome' },
  { places: ['cli'], why: 'terminal input and output the commands print through' },
  { places: ['init'], why: '`shipit init` detects a project and writes its config' },
  { places: ['config'], why: 'loads the config and builds its checks (the registry) from it' },
  { places: ['hooks'], why: "the config's lifecycle hooks, run as a step around the deploy script" },
  {
    places: ['notify'],
    why: 'Slack, webhook and GitHub Actions notifications: lifecycle steps of a deploy, named in the config',
  },
  { places: ['auto'], why: "`shipit auto`'s rules: what stops a deploy (faulty commits, a deploy in progress)" },
  { places: ['deploy'], why: 'plans a release, runs the team script, records the outcome' },
  { places: ['context'], why: 'works out candidate, production and batch for the gate' },
  { places: ['report'], why: "renders the gate's results" },
  { places: ['gate'], why: 'runs checks: timing, timeouts, isolation, the verdict' },
  { places: ['checks'], why: 'the built-in checks, each behind the contract' },
  { places: ['stats'], why: 'the DORA figures computed from the history' },
  { places: ['state'], why: 'lock, history and logs of each environment' },
  { places: ['release'], why: 'builds the release commit that leaves excluded commits out' },
  { places: ['github'], why: 'the one home of GitHub API calls' },
  { places: ['exec'], why: 'child processes and the watchdog that reaps them' },
  { places: ['git'], why: 'the one home of git commands' },
  { places: ['errors'], why: 'the error catalogue every layer throws from' },
  { places: ['secrets'], why: 'masking of secrets in text and logs' },
  { places: ['text', 'time', 'validation'], why: 'small utilities with no project imports' },
  {
    places: ['gate/contract.ts'],
    why: 'the check contract: types only, the vocabulary (Commit, CheckContext…) every layer speaks',
  },
];

/** The rank of a src file (0 is the top), or undefined when no layer names it. */
function rankOf(file: string): number | undefined {
  const inSrc = file.replace(/^src\//, '');
  const place = inSrc.includes('/') ? (inSrc.split('/')[0] as string) : inSrc.replace(/\.ts$/, '');
  const exact = LAYERS.findIndex((layer) => layer.places.includes(inSrc));
  if (exact !== -1) return exact;
  const byPlace = LAYERS.findIndex((layer) => layer.places.includes(place));
  return byPlace === -1 ? undefined : byPlace;
}

const files = sourceFiles(root, 'src');
const edges: ImportEdge[] = files.flatMap((file) => importsOf(root, file));
const describeEdge = (edge: ImportEdge) => `${edge.from}:${edge.line} imports ${edge.to}`;

describe('the layers of src/', () => {
  it('place every file of src/ in a layer', () => {
    const unplaced = files.filter((file) => rankOf(file) === undefined);
    expect(unplaced, 'add their folder to LAYERS in test/architecture/layers.test.ts').toEqual([]);
  });

  it('resolve every relative import to a file of src/', () => {
    const known = new Set(files);
    expect(edges.filter((edge) => !known.has(edge.to)).map(describeEdge)).toEqual([]);
  });

  it('only import from the same layer or a lower one', () => {
    const upward = edges
      .filter((edge) => (rankOf(edge.to) ?? 0) < (rankOf(edge.from) ?? 0))
      .map((edge) => {
        const from = LAYERS[rankOf(edge.from) as number]?.places[0];
        const to = LAYERS[rankOf(edge.to) as number]?.places[0];
        return `${describeEdge(edge)} (${from} is below ${to})`;
      });
    expect(upward).toEqual([]);
  });

  it('have no import cycle, type-only imports included', () => {
    expect(findCycles(edges).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });
});

describe('the import graph reader', () => {
  it('finds a cycle and prints its path', () => {
    const edge = (from: string, to: string): ImportEdge => ({ from, to, line: 1 });
    const cycles = findCycles([edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts'), edge('c.ts', 'a.ts'), edge('c.ts', 'd.ts')]);
    expect(cycles).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('reads static, type-only, re-exported and dynamic imports', () => {
    const found = importsOf(root, 'src/context/resolve-context.ts').map((edge) => edge.to);
    expect(found).toContain('src/gate/contract.ts'); // import type
    expect(found).toContain('src/github/client.ts'); // import()
    const reExports = importsOf(root, 'src/index.ts').map((edge) => edge.to);
    expect(reExports).toContain('src/gate/contract.ts'); // export … from
  });
});
