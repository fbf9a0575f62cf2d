// Response shapes of Atlassian Statuspage's public API v2 (GET /api/v2/summary.json), as its
// reference documents them: the page, its overall `status`, every component (group components
// list their children's ids, children name their group in `group_id`), the unresolved
// incidents and the upcoming or in-progress scheduled maintenances, each with the full
// objects of the components it affects.

export interface IncidentFixture {
  name: string;
  impact: 'none' | 'minor' | 'major' | 'critical';
  /** The real summary lists only unresolved ones; `resolved`/`postmortem` mimic a proxy that does not filter. */
  status?: 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'postmortem';
  /** Labels of the affected components: `Name`, or `Group/Name` for one in a group. */
  components?: string[];
}

export interface MaintenanceFixture {
  name: string;
  status: 'scheduled' | 'in_progress' | 'verifying' | 'completed';
  components?: string[];
}

export interface ComponentFixture {
  name: string;
  status: 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance';
  /** A group component: its status aggregates its children's. */
  group?: boolean;
  /** The name of the group component it belongs to (declared earlier in the list). */
  in?: string;
}

export interface PageFixture {
  incidents?: IncidentFixture[];
  components?: ComponentFixture[];
  maintenances?: MaintenanceFixture[];
  /** Overrides the indicator computed from the incidents and maintenances. */
  indicator?: 'none' | 'minor' | 'major' | 'critical' | 'maintenance';
}

const PAGE = {
  id: 'y2j98763l56x',
  name: 'Example',
  url: 'https://status.example.com',
  time_zone: 'Etc/UTC',
  updated_at: '2026-11-26T14:00:00.000Z',
};
const INDICATORS = ['none', 'minor', 'major', 'critical'];
const DESCRIPTIONS: Record<string, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
};

export function statuspageSummary(options: PageFixture) {
  const fixtures = options.components ?? [];
  const ids = fixtures.map((_, index) => `cmp${index}abcdefg`);
  const groupId = (name: string | undefined) =>
    name === undefined ? null : (ids[fixtures.findIndex((other) => other.group && other.name === name)] ?? null);
  const components = fixtures.map((component, index) => ({
    id: ids[index] as string,
    name: component.name,
    status: component.status,
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2026-11-26T13:40:00.000Z',
    position: index + 1,
    description: null,
    showcase: true,
    start_date: null,
    group_id: groupId(component.in),
    page_id: PAGE.id,
    group: component.group ?? false,
    only_show_if_degraded: false,
    ...(component.group ? { components: ids.filter((_, child) => fixtures[child]?.in === component.name) } : {}),
  }));
  const affected = (labels: string[] = []) =>
    components.filter((component, index) => {
      const parent = fixtures[index]?.in;
      return labels.includes(parent ? `${parent}/${component.name}` : component.name);
    });
  const event = (kind: string, index: number, name: string, status: string, labels?: string[]) => ({
    id: `${kind}${index}abcdefg`,
    name,
    status,
    created_at: '2026-11-26T13:40:00.000Z',
    updated_at: '2026-11-26T13:50:00.000Z',
    monitoring_at: null,
    resolved_at: status === 'resolved' || status === 'postmortem' ? '2026-11-26T13:55:00.000Z' : null,
    shortlink: `https://stspg.io/${kind}${index}`,
    started_at: '2026-11-26T13:40:00.000Z',
    page_id: PAGE.id,
    incident_updates: [
      {
        id: `upd${kind}${index}`,
        status,
        body: 'We are on it.',
        incident_id: `${kind}${index}abcdefg`,
        created_at: '2026-11-26T13:40:00.000Z',
        updated_at: '2026-11-26T13:40:00.000Z',
        display_at: '2026-11-26T13:40:00.000Z',
        affected_components: null,
      },
    ],
    components: affected(labels),
  });
  const incidents = (options.incidents ?? []).map((incident, index) => ({
    ...event('inc', index, incident.name, incident.status ?? 'investigating', incident.components),
    impact: incident.impact,
  }));
  const scheduled_maintenances = (options.maintenances ?? []).map((maintenance, index) => ({
    ...event('mnt', index, maintenance.name, maintenance.status, maintenance.components),
    impact: 'maintenance',
    scheduled_for: '2026-11-26T13:00:00.000Z',
    scheduled_until: '2026-11-26T16:00:00.000Z',
  }));
  const worst = Math.max(0, ...incidents.map((incident) => INDICATORS.indexOf(incident.impact)));
  const inMaintenance = scheduled_maintenances.some((maintenance) => maintenance.status === 'in_progress');
  const indicator = options.indicator ?? (worst === 0 && inMaintenance ? 'maintenance' : INDICATORS[worst]) ?? 'none';
  return {
    page: PAGE,
    status: { indicator, description: DESCRIPTIONS[indicator] },
    components,
    incidents,
    scheduled_maintenances,
  };
}
