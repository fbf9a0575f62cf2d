import type { Component } from './summary.js';

// Component names are not unique on a status page: one real page lists 68 components named
// alike, one per region group. A configured name therefore selects every component that
// bears it, and `Group/Name` (the name of its group component, a slash, its own name)
// selects the one in that group. Judging all of them can only block more, never pass more.

const SHOWN_NAMES = 30;

export interface WatchedComponent {
  component: Component;
  /** `Group/Name` for a component in a group, else its name: what the report shows. */
  label: string;
}

export interface Watch {
  components: WatchedComponent[];
  /** Whether an incident or maintenance affecting these components concerns the watched ones. */
  concerns(affected: readonly { id: string }[] | null | undefined): boolean;
}

/** The components to judge, or a one-line error naming configured names the page does not have. */
export function watchComponents(all: Component[], names: string[] | undefined, pageUrl: string): Watch | string {
  const byId = new Map(all.map((component) => [component.id, component]));
  const labelled = all.map((component) => {
    const group = component.group_id ? byId.get(component.group_id) : undefined;
    return { component, label: group ? `${group.name}/${component.name}` : component.name };
  });
  // Groups aggregate their children's status: watching the whole page means watching the children.
  if (!names) return { components: labelled.filter(({ component }) => !component.group), concerns: () => true };

  const watched = new Set<WatchedComponent>();
  const unknown: string[] = [];
  for (const name of names) {
    const target = normalize(name);
    const matches = labelled.filter(
      ({ component, label }) => normalize(component.name) === target || normalize(label) === target,
    );
    if (matches.length === 0) unknown.push(name);
    for (const match of matches) watched.add(match);
  }
  if (unknown.length) {
    const known = [...new Set(labelled.map(({ label }) => label))];
    const shown = known.slice(0, SHOWN_NAMES).join(', ') + (known.length > SHOWN_NAMES ? ', …' : '');
    return `component ${unknown.map((name) => JSON.stringify(name)).join(', ')} not found on ${pageUrl} (it has: ${shown || 'none'})`;
  }

  const ids = new Set([...watched].map(({ component }) => component.id));
  // An incident names the components it affects; a watched group is affected through its children.
  for (const component of all) if (component.group_id && ids.has(component.group_id)) ids.add(component.id);
  return {
    components: [...watched],
    // An incident that lists no component is about the whole page.
    concerns: (affected) => !affected?.length || affected.some(({ id }) => ids.has(id)),
  };
}

const normalize = (name: string): string =>
  name
    .trim()
    .replace(/\s*\/\s*/g, '/')
    .toLowerCase();
