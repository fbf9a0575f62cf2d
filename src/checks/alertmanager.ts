import { z } from 'zod';
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

// Alertmanager's own matcher syntax: a label name, one of = != =~ !~, a value (quoted or not).
const MATCHER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/;
const SHOWN_ALERTS = 20;

const matcherSchema = z
  .string()
  .regex(MATCHER, 'expected a label matcher like severity=critical, env!=staging, team=~"web|api" or job!~"batch.*"');

// GET /api/v2/alerts returns gettableAlert objects; only what the report shows is read.
const alertsSchema = z.array(
  z.object({
    labels: z.record(z.string(), z.string()),
    annotations: z.record(z.string(), z.string()).default({}),
    startsAt: z.string().optional(),
  }),
);
type Alert = z.output<typeof alertsSchema>[number];

export const alertmanagerCheck = defineBuiltin({
  type: 'alertmanager',
  description: 'fails while a Prometheus Alertmanager has active, unsilenced alerts matching the label matchers',
  schema: z.strictObject({
    url: httpUrlSchema,
    matchers: z.array(matcherSchema).default([]),
    headers: headersSchema.optional(),
  }),
  create: (options) => {
    const filters = options.matchers.map(quoteMatcher);
    const scope = options.matchers.length ? ` matching ${options.matchers.map((m) => m.trim()).join(', ')}` : '';
    const shownLabels = new Set(['severity', ...filters.map((filter) => MATCHER.exec(filter)?.[1] ?? '')]);
    return failOnRequestError(async (ctx) => {
      const query = new URLSearchParams({ active: 'true', silenced: 'false', inhibited: 'false' });
      for (const filter of filters) query.append('filter', filter);
      const request = prepareRequest(
        { url: joinUrl(options.url, `/api/v2/alerts?${query}`), headers: options.headers },
        ctx.env,
        ctx.signal,
      );
      const parsed = alertsSchema.safeParse(await fetchJson(request));
      if (!parsed.success) throw new RequestError(`${request.label} did not answer a list of Alertmanager alerts`);
      const url = alertsPageUrl(withoutCredentials(options.url), filters);
      const alerts = parsed.data;
      if (alerts.length === 0) return { status: 'pass', summary: `no alert firing${scope}`, url };

      const names = [...new Set(alerts.map((alert) => alert.labels.alertname ?? 'unnamed'))];
      const details = alerts.slice(0, SHOWN_ALERTS).map((alert) => describeAlert(alert, shownLabels));
      if (alerts.length > SHOWN_ALERTS) details.push(`… and ${alerts.length - SHOWN_ALERTS} more`);
      const firing = alerts.length === 1 ? '1 alert firing' : `${alerts.length} alerts firing`;
      return { status: 'fail', summary: `${firing}${scope}: ${names.join(', ')}`, details, url };
    });
  },
});

/** `env=production` becomes `env="production"`, so commas or spaces in a value survive Alertmanager's parser. */
function quoteMatcher(matcher: string): string {
  const [, name, operator, value = ''] = MATCHER.exec(matcher) as RegExpExecArray;
  const quoted = /^".*"$/.test(value) ? value : JSON.stringify(value);
  return `${name}${operator}${quoted}`;
}

function describeAlert(alert: Alert, shownLabels: Set<string>): string {
  const labels = Object.entries(alert.labels)
    .filter(([name]) => shownLabels.has(name))
    .map(([name, value]) => `${name}=${value}`);
  const summary = alert.annotations.summary ?? alert.annotations.description;
  const since = alert.startsAt ? ` since ${alert.startsAt.replace(/\.\d+/, '')}` : '';
  return `${alert.labels.alertname ?? 'unnamed'}${labels.length ? ` [${labels.join(' ')}]` : ''}${summary ? `: ${summary}` : ''}${since}`;
}

const alertsPageUrl = (base: string, filters: string[]): string => {
  const query = new URLSearchParams({ silenced: 'false', inhibited: 'false', active: 'true' });
  if (filters.length) query.set('filter', `{${filters.join(',')}}`);
  return joinUrl(base, `/#/alerts?${query}`);
};
