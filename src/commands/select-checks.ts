import { ShipitError } from '../errors.js';
import type { Action, Check } from '../gate/contract.js';
import { closest } from '../validation/issues.js';

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
  // Skipping everything is a gate that looks at nothing; --force is the way over a blocked gate.
  if (skips.size && selected.every((check) => skips.has(check.name))) {
    throw new ShipitError('skip-all', `--skip ${[...skips.keys()].join(', ')}: that skips every check of the gate`, {
      hint: 'skip fewer checks; to deploy over a blocked gate in an emergency, use deploy --force --reason "<why>"',
    });
  }
  return { checks: selected, skips };
}

/** `shipit check` with nothing to run is refused: "GATE PASSED 0/0" would say yes without looking. */
export function assertGateHasChecks(configured: Check[], selected: Check[], action: Action, label: string): void {
  if (configured.length === 0) {
    throw new ShipitError('no-checks', `${label}: no checks configured, so the gate has nothing to look at`, {
      hint: 'run `shipit init` to write a config with checks, or add some to `checks` (docs/checks.md)',
    });
  }
  if (selected.length === 0) {
    throw new ShipitError(
      'no-checks',
      `${label}: none of the ${configured.length} configured checks guards ${action}`,
      {
        hint: `add '${action}' to the \`on\` of the checks that should guard it, or name one with --only`,
      },
    );
  }
}

/** What the report of a deploy says when no check guards it: it goes ahead, without pretending a gate passed. */
export function ungatedNotes(selected: Check[], action: Action): string[] {
  if (selected.length) return [];
  return [`no check guards ${action}: it goes ahead without a gate (\`shipit init\` writes a config with checks)`];
}
