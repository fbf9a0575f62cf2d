import { durationSchema } from '../time/duration.js';
import * as z from '../validation/zod.js';

/** What a notification can be sent for (docs/notifications.md says when each fires). */
export const NOTIFY_EVENTS = ['start', 'success', 'failure', 'rollback', 'lock', 'unlock', 'exclusion'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

const DEFAULT_TIMEOUT_MS = 5_000;

// A URL may hold `${env:NAME}` (a Slack webhook URL is itself a secret), so it is checked for
// http(s) once filled in, at delivery, not here.
// biome-ignore lint/suspicious/noTemplateCurlyInString: shipit's own `${env:NAME}` reference, not a JS template
const ENV_URL_HINT = 'expected an http(s) URL or "${env:NAME}"';
const urlTemplate = z.string().check(z.regex(/^(https?:\/\/|\$\{env:)\S+$/, ENV_URL_HINT));
const deliveryFields = {
  url: urlTemplate,
  /** Only these events (default: all of them). */
  on: z.optional(z.array(z.enum(NOTIFY_EVENTS)).check(z.minLength(1))),
  /** How long one attempt may take; a delivery makes up to 3. */
  timeout: z._default(durationSchema, DEFAULT_TIMEOUT_MS),
};

const slackSchema = z.strictObject({ type: z.literal('slack'), ...deliveryFields });

const webhookSchema = z.strictObject({
  type: z.literal('webhook'),
  ...deliveryFields,
  /** Signs the body with HMAC-SHA256 (`X-Shipit-Signature-256`); may be `${env:NAME}`. */
  secret: z.optional(z.string().check(z.minLength(1))),
});

// GitHub Actions annotations and log groups need no entry: like the step summary, they print
// whenever GITHUB_ACTIONS=true (docs/notifications.md).
export const notificationsSchema = z.array(
  z.discriminatedUnion('type', [slackSchema, webhookSchema], {
    error: () =>
      'expected `type: "slack"` or `type: "webhook"` (GitHub Actions annotations need no entry: they print when GITHUB_ACTIONS=true)',
  }),
);

export type NotificationConfig = z.output<typeof notificationsSchema>[number];
