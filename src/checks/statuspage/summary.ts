import * as z from '../../validation/zod.js';
import { RequestError } from '../http/request-error.js';

// The shapes of Statuspage's public API v2, GET /api/v2/summary.json: the page, its overall
// `status`, every component, the unresolved incidents and the upcoming or in-progress
// scheduled maintenances. Incidents and maintenances list the components they affect.

const affectedSchema = z.nullish(z.array(z.object({ id: z.string(), name: z.string() })));

const incidentSchema = z.object({
  name: z.string(),
  status: z.string(),
  impact: z.string(),
  shortlink: z.nullish(z.string()),
  components: affectedSchema,
});
const maintenanceSchema = z.extend(incidentSchema, {
  impact: z.nullish(z.string()),
  scheduled_until: z.nullish(z.string()),
});
const componentSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  group: z.nullish(z.boolean()),
  group_id: z.nullish(z.string()),
});
const summarySchema = z.object({
  page: z.object({ id: z.string(), name: z.string(), url: z.nullish(z.string()) }),
  status: z.object({ indicator: z.string(), description: z.nullish(z.string()) }),
  components: z.array(componentSchema),
  incidents: z.array(incidentSchema),
  // Pages made before maintenances existed leave it out; `status.indicator` still says so.
  scheduled_maintenances: z._default(z.array(maintenanceSchema), []),
});

export type Summary = z.output<typeof summarySchema>;
export type Incident = Summary['incidents'][number];
export type Maintenance = Summary['scheduled_maintenances'][number];
export type Component = Summary['components'][number];

const REQUIRED_KEYS = ['page', 'status', 'components', 'incidents'];

/**
 * The summary, or a RequestError saying why the body is not one: a 200 that answers
 * `{"error": …}` or a bare `{status: …}` must not read as "no incident".
 */
export function parseSummary(body: unknown, label: string): Summary {
  const parsed = summarySchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const notSummary = `${label} answered JSON that is not a Statuspage v2 summary`;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RequestError(`${notSummary}: expected an object, got ${Array.isArray(body) ? 'an array' : typeof body}`);
  }
  const missing = REQUIRED_KEYS.filter((key) => !Object.hasOwn(body, key));
  if (missing.length) {
    const keys = Object.keys(body).slice(0, 8).join(', ') || 'none';
    throw new RequestError(`${notSummary}: no ${missing.join(', ')} (its keys: ${keys})`);
  }
  const issue = parsed.error.issues[0];
  const where = issue?.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('') ?? '';
  throw new RequestError(`${notSummary}: ${where.replace(/^\./, '')}: ${issue?.message}`);
}

// Statuspage's summary lists only unresolved incidents, but mirrors and proxies of it do
// not all filter: an incident in one of these states is over.
const OVER = new Set(['resolved', 'postmortem', 'completed']);
const MAINTENANCE_UNDER_WAY = new Set(['in_progress', 'verifying']);

export const isUnresolved = (incident: Incident): boolean => !OVER.has(incident.status);

export const isUnderWay = (maintenance: Maintenance): boolean => MAINTENANCE_UNDER_WAY.has(maintenance.status);
