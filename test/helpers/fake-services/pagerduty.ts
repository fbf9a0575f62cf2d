import type { FakeAnswer, FakeRequest } from './server.js';

// Response shapes of PagerDuty's REST API v2 `GET /incidents`: classic pagination
// with limit, offset and `more`; `total` is null unless `total=true` is asked. As the
// real API does, it only lists incidents created in the last 30 days unless asked for
// `date_range=all` or another `since`/`until` window (at most 6 months wide).

const DAY_MS = 86_400_000;

export interface PagerdutyIncidentFixture {
  number: number;
  title: string;
  service: string;
  status?: 'triggered' | 'acknowledged' | 'resolved';
  urgency?: 'high' | 'low';
  /** How long ago it was opened; 1 day by default. */
  openedDaysAgo?: number;
}

const openedAt = (fixture: PagerdutyIncidentFixture): Date =>
  new Date(Date.now() - (fixture.openedDaysAgo ?? 1) * DAY_MS);

function pagerdutyIncident(fixture: PagerdutyIncidentFixture) {
  const id = `PINC${fixture.number}`;
  return {
    id,
    type: 'incident',
    summary: `[#${fixture.number}] ${fixture.title}`,
    self: `https://api.pagerduty.com/incidents/${id}`,
    html_url: `https://acme.pagerduty.com/incidents/${id}`,
    incident_number: fixture.number,
    title: fixture.title,
    created_at: openedAt(fixture).toISOString(),
    updated_at: openedAt(fixture).toISOString(),
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
    last_status_change_at: openedAt(fixture).toISOString(),
  };
}

export interface PagerdutyOptions {
  /** Answer the first N requests `429 Too Many Requests` with this Retry-After (seconds). */
  rateLimited?: { times: number; retryAfter?: string };
}

/** Answers GET /incidents like PagerDuty: token check, rate limit, filters, then one page of `limit` at `offset`. */
export function pagerdutyIncidents(token: string, all: PagerdutyIncidentFixture[], options: PagerdutyOptions = {}) {
  let limited = 0;
  return (request: FakeRequest): FakeAnswer => {
    if (request.headers.authorization !== `Token token=${token}`) {
      return { status: 401, json: { error: { message: 'Authentication failed', code: 2006, errors: [] } } };
    }
    if (options.rateLimited && limited < options.rateLimited.times) {
      limited++;
      const retryAfter = options.rateLimited.retryAfter;
      return {
        status: 429,
        json: { error: { message: 'Rate Limit Exceeded', code: 2020 } },
        headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
      };
    }
    const window = dateWindow(request.query);
    if (typeof window === 'string') return { status: 400, json: { error: { message: window, code: 2001 } } };
    const statuses = request.query.getAll('statuses[]');
    const services = request.query.getAll('service_ids[]');
    const urgencies = request.query.getAll('urgencies[]');
    const matching = all.filter(
      (incident) =>
        (statuses.length === 0 || statuses.includes(incident.status ?? 'triggered')) &&
        (services.length === 0 || services.includes(incident.service)) &&
        (urgencies.length === 0 || urgencies.includes(incident.urgency ?? 'high')) &&
        (window === null || (openedAt(incident) >= window.since && openedAt(incident) <= window.until)),
    );
    // PagerDuty's classic pagination: 25 by default, at most 100 a page.
    const limit = Math.min(100, Number(request.query.get('limit') ?? 25));
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

/** The documented defaults: `date_range=all` lifts the window (null), else `since` defaults to 30 days before `until` (now). */
function dateWindow(query: URLSearchParams): { since: Date; until: Date } | null | string {
  if (query.get('date_range') === 'all') return null;
  const until = query.has('until') ? new Date(query.get('until') as string) : new Date();
  const since = query.has('since') ? new Date(query.get('since') as string) : new Date(until.getTime() - 30 * DAY_MS);
  if (Number.isNaN(since.getTime()) || Number.isNaN(until.getTime())) return 'Invalid since or until';
  if (until.getTime() - since.getTime() > 183 * DAY_MS) return 'Date range must be 6 months or less';
  return { since, until };
}
