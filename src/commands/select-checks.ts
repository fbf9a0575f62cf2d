import { closest } from '../config/issues.js';
import { ShipitError } from '../errors.js';
import type { Action, Check } from '../gate/contract.js';

export interface Selection {
  only?: string[];
  skip?: string[];
  reason?: string;
}

/** The checks guarding `action`, narrowed by --only, and the --skip reasons keyed by name. */
export function selectChecks(checks: Check[], action: Action, selection: Selection) {
  const names = checks.map((check) => check.name);
  const assertKnown = (flag: string, name: string) => {
    if (names.includes(name)) return;
    const suggestion = closest(name, names);
    throw new ShipitError('unknown-check', `${flag} ${name}: no check of that name is configured`, {
      hint: suggestion
        ? `did you mean "${suggestion}"? (\`shipit checks\` lists them)`
        : `configured checks: ${names.join(', ') || 'none'} (\`shipit checks\` lists them)`,
    });
  };
  for (const name of selection.only ?? []) assertKnown('--only', name);
  for (const name of selection.skip ?? []) assertKnown('--skip', name);
  if (selection.skip?.length && !selection.reason?.trim()) {
    throw new ShipitError('skip-needs-reason', `--skip ${selection.skip.join(', ')}: a skip needs --reason "<why>"`, {
      hint: 'the reason is shown in the report and kept with the result, e.g. --reason "status page is down, checked by hand"',
    });
  }
  // Naming a check with --only runs it even if it does not guard this action.
  const selected = selection.only?.length
    ? checks.filter((check) => selection.only?.includes(check.name))
    : checks.filter((check) => check.on.includes(action));
  const skips = new Map((selection.skip ?? []).map((name) => [name, selection.reason?.trim() ?? '']));
  return { checks: selected, skips };
}
