/** Something wrong with one locale file: the file, where in it, and what. */
export interface FileProblem {
  path: string;
  line?: number;
  /** `invalid YAML`, `duplicate key`: problems of one kind and message are told once. */
  kind: string;
  message: string;
}

export function describeFileProblem(problem: FileProblem): string {
  const where = problem.line === undefined ? '' : ` at line ${problem.line}`;
  return `${problem.path}: ${problem.kind}${where}: ${problem.message}`;
}

/**
 * One line per distinct problem: the same failure in seventy files (a shared
 * template, a broken generator) is one line with a count and the first files.
 */
export function groupFileProblems(problems: FileProblem[], filesShown = 3): string[] {
  const groups = new Map<string, FileProblem[]>();
  for (const problem of problems) {
    const key = `${problem.kind}\n${problem.message}`;
    const group = groups.get(key) ?? [];
    groups.set(key, group);
    group.push(problem);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    if (group.length === 1) return describeFileProblem(first);
    const files = group.slice(0, filesShown).map((p) => (p.line === undefined ? p.path : `${p.path}:${p.line}`));
    const more = group.length > filesShown ? ` and ${group.length - filesShown} more` : '';
    return `${first.kind}: ${first.message}, in ${group.length} files: ${files.join(', ')}${more}`;
  });
}
