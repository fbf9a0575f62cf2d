import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckContext } from '../gate/contract.js';
import { secretValues } from '../secrets/mask.js';
import { plural } from '../text/plural.js';
import * as z from '../validation/zod.js';
import { defineBuiltin } from './define.js';
import { failOnRequestError, httpUrlSchema, joinUrl } from './http/endpoint.js';
import { describeFetchFailure, fetchJson } from './http/fetch-json.js';
import { RequestError } from './http/request-error.js';

const PAGE_SIZE = 100;
// Ten pages of open incidents is already a crisis; more would only slow the gate.
const MAX_PAGES = 10;
const SHOWN_INCIDENTS = 20;
// A 429 is retried a few times, as long as PagerDuty asks for a short wait: its limits
// reset within a minute, and a gate stalled longer than that helps nobody.
const MAX_RETRIES = 3;
const MAX_WAIT_MS = 30_000;
const FIRST_WAIT_MS = 1_000;

// GET /incidents (REST API v2): classic offset pagination with `more`.
const pageSchema = z.object({
  incidents: z.array(
    z.object({
      incident_number: z.optional(z.number()),
      title: z.optional(z.string()),
      summary: z.optional(z.string()),
      status: z.string(),
      urgency: z.optional(z.string()),
      html_url: z.optional(z.string()),
      service: z.optional(z.object({ summary: z.optional(z.string()) })),
    }),
  ),
  more: z.optional(z.boolean()),
});
type Incident = z.output<typeof pageSchema>['incidents'][number];

export const pagerdutyCheck = defineBuiltin({
  type: 'pagerduty',
  description: 'fails while PagerDuty has triggered or acknowledged incidents on the configured services',
  schema: z.strictObject({
    services: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
    urgency: z.optional(z.enum(['high', 'low'])),
    tokenEnv: z._default(
      z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')),
      'PAGERDUTY_TOKEN',
    ),
    baseUrl: z._default(httpUrlSchema, 'https://api.pagerduty.com'),
  }),
  create: (options) =>
    failOnRequestError(async (ctx) => {
      const token = ctx.env[options.tokenEnv];
      if (!token) {
        return {
          status: 'fail',
          summary: `${options.tokenEnv} is not set: export a PagerDuty REST API key in it (or set tokenEnv)`,
        };
      }
      const incidents = await listOpenIncidents(options, token, ctx);
      const services = options.services.join(', ');
      if (incidents.length === 0) return { status: 'pass', summary: `no open incident on ${services}` };

      const details = incidents.slice(0, SHOWN_INCIDENTS).map(describeIncident);
      if (incidents.length > SHOWN_INCIDENTS) details.push(`… and ${incidents.length - SHOWN_INCIDENTS} more`);
      const open = plural(incidents.length, 'open incident');
      const first = incidents[0] as Incident;
      return { status: 'fail', summary: `${open} on ${services}`, details, url: first.html_url };
    }),
});

async function listOpenIncidents(
  options: { services: string[]; urgency?: string; baseUrl: string; tokenEnv: string },
  token: string,
  ctx: CheckContext,
): Promise<Incident[]> {
  const incidents: Incident[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams(<[string, string][]>[
      // Without it PagerDuty lists only incidents opened in the last 30 days: an incident
      // acknowledged six weeks ago and still open would be invisible.
      ['date_range', 'all'],
      ['statuses[]', 'triggered'],
      ['statuses[]', 'acknowledged'],
      ...options.services.map((id) => ['service_ids[]', id]),
      ...(options.urgency ? [['urgencies[]', options.urgency]] : []),
      ['limit', String(PAGE_SIZE)],
      ['offset', String(incidents.length)],
    ]);
    const url = joinUrl(options.baseUrl, `/incidents?${query}`);
    const body = await fetchPage(url, token, options.tokenEnv, ctx);
    const parsed = pageSchema.safeParse(body);
    if (!parsed.success) throw new RequestError(`${options.baseUrl} did not answer a PagerDuty incident list`);
    incidents.push(...parsed.data.incidents);
    if (!parsed.data.more || parsed.data.incidents.length === 0) break;
    ctx.progress(`${incidents.length} open incidents so far`);
  }
  return incidents;
}

async function fetchPage(url: string, token: string, tokenEnv: string, ctx: CheckContext): Promise<unknown> {
  const headers = { authorization: `Token token=${token}`, accept: 'application/vnd.pagerduty+json;version=2' };
  const label = url.split('?')[0] as string;
  for (let retry = 0; ; retry++) {
    try {
      return await fetchJson({ url, label, headers, signal: ctx.signal, secrets: [token, ...secretValues(ctx.env)] });
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      if (error.status === 401 || error.status === 403) {
        throw new RequestError(
          `PagerDuty refused the token in ${tokenEnv} (${error.status}): check it is a valid REST API key that can read these services`,
          error.status,
        );
      }
      if (error.status !== 429) throw error;
      const wait = error.retryAfterMs ?? FIRST_WAIT_MS * 2 ** retry;
      if (retry >= MAX_RETRIES || wait > MAX_WAIT_MS) {
        const why = retry >= MAX_RETRIES ? `still after ${MAX_RETRIES} retries` : `asking to wait ${seconds(wait)}`;
        throw new RequestError(
          `${label} answered 429 Too Many Requests, ${why}: the token's rate limit is used up (try again in a minute)`,
          429,
        );
      }
      ctx.progress(`PagerDuty asked to slow down; retrying in ${seconds(wait)}`);
      await sleep(wait, undefined, { signal: ctx.signal }).catch((stopped: unknown) => {
        throw new RequestError(`cannot reach ${label}: ${describeFetchFailure(stopped, ctx.signal)}`);
      });
    }
  }
}

const seconds = (ms: number): string => `${Math.ceil(ms / 1000)}s`;

function describeIncident(incident: Incident): string {
  const number = incident.incident_number === undefined ? '' : `#${incident.incident_number} `;
  const service = incident.service?.summary ? ` on ${incident.service.summary}` : '';
  const urgency = incident.urgency ? `, ${incident.urgency} urgency` : '';
  const link = incident.html_url ? ` ${incident.html_url}` : '';
  return `${number}${incident.title ?? incident.summary ?? 'untitled'} (${incident.status}${urgency})${service}${link}`;
}
