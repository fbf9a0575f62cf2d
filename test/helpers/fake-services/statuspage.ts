// Response shapes of Atlassian Statuspage's public API v2 (GET /api/v2/summary.json),
// as its reference documents them: `incidents` lists only unresolved incidents.

export interface IncidentFixture {
  name: string;
  impact: 'none' | 'minor' | 'major' | 'critical';
  status?: 'investigating' | 'identified' | 'monitoring';
}

export interface ComponentFixture {
  name: string;
  status: 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance';
  group?: boolean;
}

const PAGE = {
  id: 'y2j98763l56x',
  name: 'Example',
  url: 'https://status.example.com',
  time_zone: 'Etc/UTC',
  updated_at: '2026-11-26T14:00:00.000Z',
};
const INDICATORS = ['none', 'minor', 'major', 'critical'];

export function statuspageSummary(options: { incidents?: IncidentFixture[]; components?: ComponentFixture[] }) {
  const incidents = (options.incidents ?? []).map((incident, index) => ({
    id: `inc${index}abcdefg`,
    name: incident.name,
    status: incident.status ?? 'investigating',
    created_at: '2026-11-26T13:40:00.000Z',
    updated_at: '2026-11-26T13:50:00.000Z',
    monitoring_at: null,
    resolved_at: null,
    impact: incident.impact,
    shortlink: `https://stspg.io/inc${index}`,
    started_at: '2026-11-26T13:40:00.000Z',
    page_id: PAGE.id,
    incident_updates: [
      {
        id: `upd${index}abcdefg`,
        status: incident.status ?? 'investigating',
        body: 'We are investigating.',
        incident_id: `inc${index}abcdefg`,
        created_at: '2026-11-26T13:40:00.000Z',
        updated_at: '2026-11-26T13:40:00.000Z',
        display_at: '2026-11-26T13:40:00.000Z',
        affected_components: null,
      },
    ],
    components: [],
  }));
  const components = (options.components ?? []).map((component, index) => ({
    id: `cmp${index}abcdefg`,
    name: component.name,
    status: component.status,
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2026-11-26T13:40:00.000Z',
    position: index + 1,
    description: null,
    showcase: true,
    start_date: null,
    group_id: null,
    page_id: PAGE.id,
    group: component.group ?? false,
    only_show_if_degraded: false,
  }));
  const worst = Math.max(0, ...incidents.map((incident) => INDICATORS.indexOf(incident.impact)));
  return {
    page: PAGE,
    status: { indicator: INDICATORS[worst], description: worst ? 'Partial System Outage' : 'All Systems Operational' },
    components,
    incidents,
    scheduled_maintenances: [],
  };
}
