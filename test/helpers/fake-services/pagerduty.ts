import type { FakeAnswer, FakeRequest } from './server.js';

// Response shapes of PagerDuty's REST API v2 `GET /incidents`: classic pagination
// with limit, offset and `more`; `total` is null unless `total=true` is asked.

export interface PagerdutyIncidentFixture {
  number: number;
  title: string;
  service: string;
  status?: 'triggered' | 'acknowledged' | 'resolved';
  urgency?: 'high' | 'low';
}

export function pagerdutyIncident(fixture: PagerdutyIncidentFixture) {
  const id = `PINC${fixture.number}`;
  return {
    id,
    type: 'incident',
    summary: `[#${fixture.number}] ${fixture.title}`,
    self: `https://api.pagerduty.com/incidents/${id}`,
    html_url: `https://acme.pagerduty.com/incidents/${id}`,
    incident_number: fixture.number,
    title: fixture.title,
    created_at: '2026-11-26T13:40:00Z',
    updated_at: '2026-11-26T13:45:00Z',
    status: fixture.status ?? 'triggered',
    incident_key: `key-${fixture.number}`,
    urgency: fixture.urgency ?? 'high',
    service: {
      id: fixture.service,
      type: 'service_reference',
      summary: `Service ${fixture.service}`,
      self: `https://api.pagerduty.com/services/${fixture.service}`,
      html_url: `https://acme.pagerduty.com/service-directory/${fixture.service}`,
    },
    assignments: [],
    acknowledgements: [],
    last_status_change_at: '2026-11-26T13:45:00Z',
  };
}

/** Answers GET /incidents like PagerDuty: token check, filters, then one page of `limit` at `offset`. */
export function pagerdutyIncidents(token: string, all: PagerdutyIncidentFixture[]) {
  return (request: FakeRequest): FakeAnswer => {
    if (request.headers.authorization !== `Token token=${token}`) {
      return { status: 401, json: { error: { message: 'Authentication failed', code: 2006, errors: [] } } };
    }
    const statuses = request.query.getAll('statuses[]');
    const services = request.query.getAll('service_ids[]');
    const urgencies = request.query.getAll('urgencies[]');
    const matching = all.filter(
      (incident) =>
        (statuses.length === 0 || statuses.includes(incident.status ?? 'triggered')) &&
        (services.length === 0 || services.includes(incident.service)) &&
        (urgencies.length === 0 || urgencies.includes(incident.urgency ?? 'high')),
    );
    const limit = Number(request.query.get('limit') ?? 25);
    const offset = Number(request.query.get('offset') ?? 0);
    const page = matching.slice(offset, offset + limit);
    return {
      json: {
        incidents: page.map(pagerdutyIncident),
        limit,
        offset,
        total: null,
        more: offset + limit < matching.length,
      },
    };
  };
}
