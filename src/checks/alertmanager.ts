import { stripCredentials } from '../secrets/mask.js';
import { plural } from '../text/plural.js';
import * as z from '../validation/zod.js';
import { formatMatcher, MatcherSyntaxError, parseMatchers } from './alertmanager/matchers.js';
import { defineBuiltin } from './define.js';
import { failOnRequestError, headersSchema, httpUrlSchema, joinUrl, prepareRequest } from './http/endpoint.js';
import { fetchJson } from './http/fetch-json.js';
import { RequestError } from './http/request-error.js';

const SHOWN_ALERTS = 20;
// Alerts that fire on purpose all the time: the dead man's switch of kube-prometheus and
// the inhibitor of info-level alerts. Counting them would block every deploy.
const ALWAYS_FIRING = ['Watchdog', 'InfoInhibitor'];

// GET /api/v2/alerts returns gettableAlert objects; only what the report shows is read.
const alertsSchema = z.array(
  z.object({
    labels: z.record(z.string(), z.string()),
    annotations: z._default(z.record(z.string(), z.string()), {}),
    startsAt: z.optional(z.string()),
  }),
);
type Alert = z.output<typeof alertsSchema>[number];

export const alertmanagerCheck = defineBuiltin({
  type: 'alertmanager',
  description: 'fails while a Prometheus Alertmanager has active, unsilenced alerts matching the label matchers',
  schema: z
    .strictObject({
      url: httpUrlSchema,
      // One matcher per entry, a comma list (`severity=critical,env=prod`) or `{…}`, as Alertmanager writes them.
      matchers: z._default(
        z.pipe(
          z.union([z.string(), z.array(z.string())]),
          z.transform((value) => [value].flat()),
        ),
        [],
      ),
      ignoreAlerts: z._default(z.array(z.string().check(z.minLength(1))), ALWAYS_FIRING),
      headers: z.optional(headersSchema),
    })
    .check(
      z.superRefine((options, ctx) => {
        // The registry adds `name` to this schema; the line names the check when it is there.
        const check = 'name' in options ? `check "${String(options.name)}": ` : '';
        options.matchers.forEach((text, index) => {
          const problem = matcherProblem(text);
          if (problem) ctx.addIssue({ code: 'custom', path: ['matchers', index], message: `${check}${problem}` });
        });
      }),
    ),
  create: (options) => {
    const matchers = options.matchers.flatMap(parseMatchers);
    const filters = matchers.map(formatMatcher);
    const scope = matchers.length ? ` matching ${matchers.map((matcher) => matcher.text).join(', ')}` : '';
    const shownLabels = new Set(['severity', ...matchers.map((matcher) => matcher.name)]);
    const ignored = new Set(options.ignoreAlerts);
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
      const url = alertsPageUrl(stripCredentials(options.url), filters);
      const alerts = parsed.data
        .filter((alert) => !ignored.has(alert.labels.alertname ?? ''))
        .sort((a, b) => alertName(a).localeCompare(alertName(b)));
      const skipped = uniqueNames(parsed.data.filter((alert) => !alerts.includes(alert)));
      const note = skipped.length ? ` (ignored: ${skipped.join(', ')})` : '';
      if (alerts.length === 0) return { status: 'pass', summary: `no alert firing${scope}${note}`, url };

      const names = uniqueNames(alerts);
      const details = alerts.slice(0, SHOWN_ALERTS).map((alert) => describeAlert(alert, shownLabels));
      if (alerts.length > SHOWN_ALERTS) details.push(`… and ${alerts.length - SHOWN_ALERTS} more`);
      const firing = `${plural(alerts.length, 'alert')} firing`;
      return { status: 'fail', summary: `${firing}${scope}: ${names.join(', ')}${note}`, details, url };
    });
  },
});

/** Why Alertmanager would refuse the matcher text, or null when it parses. */
function matcherProblem(text: string): string | null {
  if (!text.trim()) return 'a matcher cannot be empty: write one like severity=critical';
  try {
    parseMatchers(text);
    return null;
  } catch (error) {
    if (!(error instanceof MatcherSyntaxError)) throw error;
    return `cannot parse the matcher ${JSON.stringify(text)}: ${error.message} (Alertmanager's syntax: severity=critical, env!=staging, team=~"web|api", {a="b",c="d"})`;
  }
}

const alertName = (alert: Alert): string => alert.labels.alertname ?? 'unnamed';

// Alertmanager lists alerts in no stable order: sorted by name, the report reads the same on every run.
const uniqueNames = (alerts: Alert[]): string[] => [...new Set(alerts.map(alertName))].sort();

function describeAlert(alert: Alert, shownLabels: Set<string>): string {
  const labels = Object.entries(alert.labels)
    .filter(([name]) => shownLabels.has(name))
    .map(([name, value]) => `${name}=${value}`);
  const summary = alert.annotations.summary ?? alert.annotations.description;
  const since = alert.startsAt ? ` since ${alert.startsAt.replace(/\.\d+/, '')}` : '';
  return `${alertName(alert)}${labels.length ? ` [${labels.join(' ')}]` : ''}${summary ? `: ${summary}` : ''}${since}`;
}

const alertsPageUrl = (base: string, filters: string[]): string => {
  const query = new URLSearchParams({ silenced: 'false', inhibited: 'false', active: 'true' });
  if (filters.length) query.set('filter', `{${filters.join(',')}}`);
  return joinUrl(base, `/#/alerts?${query}`);
};
