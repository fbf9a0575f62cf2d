// Pure and free of zod: the check worker calls it to find its entry again without validating the config.

type Origin = (string | number)[];

export interface CombinedChecks {
  entries: unknown[];
  /** Where each entry is written in the config, for messages: ['checks', 2] or ['environments', 'staging', 'checks', 0]. */
  origins: Origin[];
  /** Names in `drop` that match no shared check. */
  problems: string[];
}

type EnvironmentChecks = unknown[] | { replace?: unknown[]; drop?: string[]; add?: unknown[] } | undefined;

/**
 * An environment's checks combined with the shared ones. A list adds to the shared checks,
 * and an entry named like a shared one replaces it in its place; `{ replace }` drops every
 * shared check; `{ drop, add }` drops the named ones and adds the others.
 */
export function combineChecks(shared: readonly unknown[], own: EnvironmentChecks, environment: string): CombinedChecks {
  const base: Origin = ['environments', environment, 'checks'];
  const entries: unknown[] = [];
  const origins: Origin[] = [];
  const problems: string[] = [];
  const spec = Array.isArray(own) ? { add: own } : (own ?? {});
  const addBase = Array.isArray(own) ? base : [...base, spec.replace ? 'replace' : 'add'];

  if (!spec.replace) {
    const dropped = new Set(spec.drop ?? []);
    const sharedNames = shared.map(entryName);
    for (const name of dropped) {
      if (!sharedNames.includes(name)) {
        problems.push(
          `environments.${environment}.checks.drop: no shared check is named "${name}" (shared checks: ${sharedNames.filter(Boolean).join(', ') || 'none'})`,
        );
      }
    }
    shared.forEach((entry, index) => {
      if (dropped.has(entryName(entry) ?? '')) return;
      entries.push(entry);
      origins.push(['checks', index]);
    });
  }
  (spec.replace ?? spec.add ?? []).forEach((entry, index) => {
    const name = entryName(entry);
    const same = name === undefined ? -1 : entries.findIndex((existing) => entryName(existing) === name);
    const origin = [...addBase, index];
    if (same >= 0) {
      entries[same] = entry;
      origins[same] = origin;
    } else {
      entries.push(entry);
      origins.push(origin);
    }
  });
  return { entries, origins, problems };
}

/** The name a check entry goes by: its `name`, or a built-in's type (plugin paths name themselves later). */
export function entryName(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { name, type } = entry as { name?: unknown; type?: unknown };
  if (typeof name === 'string') return name;
  return typeof type === 'string' && !type.includes('/') && !type.startsWith('.') ? type : undefined;
}
