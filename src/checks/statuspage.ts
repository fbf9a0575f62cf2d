import { z } from 'zod';
import type { CheckOutcome } from '../gate/contract.js';
import { defineBuiltin } from './define.js';
import {
  failOnRequestError,
  headersSchema,
  httpUrlSchema,
  joinUrl,
  prepareRequest,
  withoutCredentials,
} from './http/endpoint.js';
import { fetchJson } from './http/fetch-json.js';
import { RequestError } from './http/request-error.js';

const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
type Impact = (typeof IMPACTS)[number];

// The shapes of Statuspage's public API v2, GET /api/v2/summary.json: `incidents` holds
// the unresolved ones, `components` every component with its current status.
const incidentSchema = z.object({
  name: z.string(),
  status: z.string(),
  impact: z.string(),
  shortlink: z.string().nullish(),
});
const componentSchema = z.object({
  name: z.string(),
  status: z.string(),
  group: z.boolean().nullish(),
});
const summarySchema = z.object({
  page: z.object({ url: z.string().nullish() }).nullish(),
  components: z.array(componentSchema).default([]),
  incidents: z.array(incidentSchema).default([]),
});
type Incident = z.output<typeof incidentSchema>;
type Component = z.output<typeof componentSchema>;

export const statuspageCheck = defineBuiltin({
  type: 'statuspage',
  description: 'fails on unresolved incidents and non-operational components of an Atlassian Statuspage (API v2)',
  schema: z.strictObject({
    url: httpUrlSchema,
    minImpact: z.enum(IMPACTS).default('minor'),
    components: z.array(z.string().min(1)).min(1).optional(),
    degraded: z.enum(['warn', 'fail']).default('warn'),
    headers: headersSchema.optional(),
  }),
  create: (options) =>
    failOnRequestError(async (ctx) => {
      const request = prepareRequest(
        { url: joinUrl(options.url, '/api/v2/summary.json'), headers: options.headers },
        ctx.env,
        ctx.signal,
      );
      const parsed = summarySchema.safeParse(await fetchJson(request));
      if (!parsed.success) {
        throw new RequestError(`${request.label} is not a Statuspage v2 summary: ${parsed.error.issues[0]?.message}`);
      }
      const summary = parsed.data;
      const pageUrl = summary.page?.url ?? withoutCredentials(options.url);
      const components = selectComponents(summary.components, options.components, pageUrl);
      if (typeof components === 'string') return { status: 'fail', summary: components, url: pageUrl };

      const blocking = summary.incidents.filter(
        (incident) => impactRank(incident.impact) >= impactRank(options.minImpact),
      );
      const minorIncidents = summary.incidents.filter((incident) => !blocking.includes(incident));
      const unwell = components.filter((component) => component.status !== 'operational');
      const failing = unwell.filter(
        (component) => !(component.status === 'degraded_performance' && options.degraded === 'warn'),
      );
      const degraded = unwell.filter((component) => !failing.includes(component));

      const details = [...blocking, ...minorIncidents].map(describeIncident).concat(unwell.map(describeComponent));
      const problems = [
        count(blocking.length, 'unresolved incident', 'unresolved incidents'),
        count(failing.length, 'component down', 'components down'),
      ].filter(Boolean);
      const below = `below ${options.minImpact} impact`;
      const notes = [
        count(minorIncidents.length, `incident ${below}`, `incidents ${below}`),
        count(degraded.length, 'component degraded', 'components degraded'),
      ].filter(Boolean);
      const outcome = (status: CheckOutcome['status'], text: string): CheckOutcome => ({
        status,
        summary: text,
        details: details.length ? details : undefined,
        url: pageUrl,
      });
      if (problems.length) return outcome('fail', `${problems.concat(notes).join(', ')} on ${pageUrl}`);
      if (notes.length) return outcome('warn', `${notes.join(', ')} on ${pageUrl}`);
      return outcome(
        'pass',
        `no unresolved incident, ${count(components.length, 'component', 'components') || 'no component'} operational on ${pageUrl}`,
      );
    }),
});

/** The components to watch, or a one-line error naming a configured one the page does not have. */
function selectComponents(all: Component[], names: string[] | undefined, pageUrl: string): Component[] | string {
  // Groups aggregate their children's status: watching every component means watching the children.
  if (!names) return all.filter((component) => !component.group);
  const byName = new Map(all.map((component) => [component.name.trim().toLowerCase(), component]));
  const unknown = names.filter((name) => !byName.has(name.trim().toLowerCase()));
  if (unknown.length) {
    const known = all.map((component) => component.name).join(', ');
    return `component ${unknown.map((name) => JSON.stringify(name)).join(', ')} not found on ${pageUrl} (it has: ${known || 'none'})`;
  }
  return names.map((name) => byName.get(name.trim().toLowerCase()) as Component);
}

// An impact the API adds later ranks as critical: unknown news should block, not pass.
const impactRank = (impact: string): number => {
  const rank = IMPACTS.indexOf(impact as Impact);
  return rank === -1 ? IMPACTS.length : rank;
};

const count = (n: number, one: string, many: string): string => (n === 0 ? '' : `${n} ${n === 1 ? one : many}`);

const describeIncident = (incident: Incident): string =>
  `incident "${incident.name}" (impact ${incident.impact}, ${incident.status})${incident.shortlink ? ` ${incident.shortlink}` : ''}`;

const describeComponent = (component: Component): string => `component "${component.name}": ${component.status}`;
