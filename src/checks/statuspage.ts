import type { CheckOutcome } from '../gate/contract.js';
import { stripCredentials } from '../secrets/mask.js';
import { plural } from '../text/plural.js';
import * as z from '../validation/zod.js';
import { defineBuiltin } from './define.js';
import { failOnRequestError, headersSchema, httpUrlSchema, joinUrl, prepareRequest } from './http/endpoint.js';
import { fetchJson } from './http/fetch-json.js';
import { type Watch, type WatchedComponent, watchComponents } from './statuspage/components.js';
import {
  type Incident,
  isUnderWay,
  isUnresolved,
  type Maintenance,
  parseSummary,
  type Summary,
} from './statuspage/summary.js';

const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
type Impact = (typeof IMPACTS)[number];

/** One thing the page reports, with what it does to the verdict and how the summary counts it. */
interface Finding {
  level: 'fail' | 'warn';
  /** Singular and plural, e.g. ['unresolved incident', 'unresolved incidents']. */
  noun: [string, string];
  detail: string;
}

export const statuspageCheck = defineBuiltin({
  type: 'statuspage',
  description: 'fails on unresolved incidents and non-operational components of an Atlassian Statuspage (API v2)',
  schema: z.strictObject({
    url: httpUrlSchema,
    minImpact: z._default(z.enum(IMPACTS), 'minor'),
    components: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
    degraded: z._default(z.enum(['warn', 'fail']), 'warn'),
    maintenance: z._default(z.enum(['warn', 'fail', 'ignore']), 'warn'),
    headers: z.optional(headersSchema),
  }),
  create: (options) =>
    failOnRequestError(async (ctx) => {
      const request = prepareRequest(
        { url: joinUrl(options.url, '/api/v2/summary.json'), headers: options.headers },
        ctx.env,
        ctx.signal,
      );
      const summary = parseSummary(await fetchJson(request), request.label);
      const pageUrl = summary.page.url ?? stripCredentials(options.url);
      const watch = watchComponents(summary.components, options.components, pageUrl);
      if (typeof watch === 'string') return { status: 'fail', summary: watch, url: pageUrl };

      const unresolved = summary.incidents.filter(isUnresolved);
      const incidents = unresolved.filter((incident) => watch.concerns(incident.components));
      const maintenances = maintenancesUnderWay(summary, watch);
      const findings: Finding[] = [
        ...incidents.map((incident) => judgeIncident(incident, options.minImpact)),
        ...watch.components
          .filter(({ component }) => component.status !== 'operational')
          .map((watched) => judgeComponent(watched, options.degraded)),
        ...(options.maintenance === 'ignore' ? [] : maintenances).map(
          (detail): Finding => ({
            level: options.maintenance === 'fail' ? 'fail' : 'warn',
            noun: ['maintenance in progress', 'maintenances in progress'],
            detail,
          }),
        ),
      ];

      const asides = [
        count(unresolved.length - incidents.length, 'incident on other components', 'incidents on other components'),
        options.maintenance === 'ignore' && maintenances.length ? 'maintenance in progress ignored' : '',
      ].filter(Boolean);
      const aside = asides.length ? ` (${asides.join(', ')})` : '';
      const details = findings.map((finding) => finding.detail);
      const outcome = (status: CheckOutcome['status'], text: string): CheckOutcome => ({
        status,
        summary: `${text} on ${pageUrl}${aside}`,
        details: details.length ? details : undefined,
        url: pageUrl,
      });
      if (findings.length === 0) {
        const operational = count(watch.components.length, 'component', 'components') || 'no component';
        return outcome('pass', `no unresolved incident, ${operational} operational`);
      }
      const status = findings.some((finding) => finding.level === 'fail') ? 'fail' : 'warn';
      return outcome(status, tally(findings));
    }),
});

function judgeIncident(incident: Incident, minImpact: Impact): Finding {
  const detail = describeIncident(incident);
  if (impactRank(incident.impact) >= impactRank(minImpact)) {
    return { level: 'fail', noun: ['unresolved incident', 'unresolved incidents'], detail };
  }
  const below = `below ${minImpact} impact`;
  return { level: 'warn', noun: [`incident ${below}`, `incidents ${below}`], detail };
}

function judgeComponent({ component, label }: WatchedComponent, degraded: 'warn' | 'fail'): Finding {
  const detail = `component "${label}": ${component.status}`;
  return component.status === 'degraded_performance' && degraded === 'warn'
    ? { level: 'warn', noun: ['component degraded', 'components degraded'], detail }
    : { level: 'fail', noun: ['component down', 'components down'], detail };
}

/**
 * Maintenances under way on the watched components. A page whose indicator says `maintenance`
 * but lists none under way (or has no list) is in maintenance as a whole.
 */
function maintenancesUnderWay(summary: Summary, watch: Watch): string[] {
  const underWay = summary.scheduled_maintenances.filter(isUnderWay);
  if (underWay.length === 0 && summary.status.indicator === 'maintenance') {
    return [`page status "maintenance": ${summary.status.description ?? 'no description'}`];
  }
  return underWay.filter((maintenance) => watch.concerns(maintenance.components)).map(describeMaintenance);
}

/** `2 unresolved incidents, 1 component degraded`: failures first, in the order found. */
function tally(findings: Finding[]): string {
  const ordered = [...findings.filter((f) => f.level === 'fail'), ...findings.filter((f) => f.level === 'warn')];
  const counts = new Map<string, { noun: [string, string]; n: number }>();
  for (const { noun } of ordered) {
    const entry = counts.get(noun[0]) ?? { noun, n: 0 };
    entry.n++;
    counts.set(noun[0], entry);
  }
  return [...counts.values()].map(({ noun, n }) => count(n, ...noun)).join(', ');
}

// An impact the API adds later ranks as critical: unknown news should block, not pass.
const impactRank = (impact: string): number => {
  const rank = IMPACTS.indexOf(impact as Impact);
  return rank === -1 ? IMPACTS.length : rank;
};

const count = (n: number, one: string, many: string): string => (n === 0 ? '' : plural(n, one, many));

const link = (event: Incident | Maintenance): string => (event.shortlink ? ` ${event.shortlink}` : '');

const describeIncident = (incident: Incident): string =>
  `incident "${incident.name}" (impact ${incident.impact}, ${incident.status})${link(incident)}`;

const describeMaintenance = (maintenance: Maintenance): string => {
  const until = maintenance.scheduled_until ? ` until ${maintenance.scheduled_until.replace(/\.\d+/, '')}` : '';
  return `maintenance "${maintenance.name}" (${maintenance.status}${until})${link(maintenance)}`;
};
