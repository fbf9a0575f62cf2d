import type { Check } from '../gate/contract.js';

/**
 * Every check needs its own name (`--only`, `--skip`, the report and the history use it). One problem
 * per clash, naming both entries, and saying so when a name was not written but taken from the type
 * (built-ins) or the plugin.
 */
export function duplicateNames(entries: unknown[], checks: (Check | undefined)[]): string[] {
  const problems: string[] = [];
  const firstIndex = new Map<string, number>();
  const unnamed = (index: number) => (entries[index] as { name?: unknown }).name === undefined;
  checks.forEach((check, index) => {
    if (!check) return;
    const earlier = firstIndex.get(check.name);
    if (earlier === undefined) {
      firstIndex.set(check.name, index);
    } else if (unnamed(index) && unnamed(earlier)) {
      problems.push(
        `checks[${earlier}] and checks[${index}] are both called "${check.name}" (neither has a name); give each its own, e.g. name: '${check.name}-2'`,
      );
    } else if (unnamed(index)) {
      problems.push(
        `checks[${index}]: without a name it is called "${check.name}", which checks[${earlier}] already uses; give it a name`,
      );
    } else {
      problems.push(
        `checks[${index}].name: "${check.name}" is already used by checks[${earlier}]; give each check its own name`,
      );
    }
  });
  return problems;
}
