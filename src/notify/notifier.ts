import { fillFromEnv } from '../checks/http/env-template.js';
import { describeError } from '../errors.js';
import { longestFirst, maskSecrets, redactUrlPath, secretValues } from '../secrets/mask.js';
import type { NotificationConfig } from './config.js';
import { DeliveryError, deliver, RETRY_DELAYS_MS } from './deliver.js';
import type { NotifyMessage } from './message.js';
import { slackPayload } from './slack.js';
import { webhookRequest } from './webhook.js';

export interface Notifier {
  /**
   * Sends the message to every entry that wants its event, in the background: returns at once.
   * The message may still be in the making (read from git): the deploy does not wait for it either.
   */
  send(message: NotifyMessage | Promise<NotifyMessage>): void;
  /**
   * Waits for what was sent so far. Each delivery is bounded (3 attempts of `timeout`, 1.5 s of
   * backoff), so this is too; after `signal` (Ctrl-C) it waits at most one more second.
   */
  settle(signal?: AbortSignal): Promise<void>;
}

/** How long deliveries may go on after Ctrl-C: shipit exits within 2 s of an interrupt. */
const AFTER_INTERRUPT_MS = 1_000;

interface Target {
  entry: NotificationConfig;
  /** The URL and secret with `${env:…}` filled in, or why they cannot be. */
  filled: { url: string; secret?: string } | { problem: string };
  /** What a warning must never show: the filled URL (a Slack webhook's path is a secret), the secret. */
  secrets: string[];
  /** After a failure the target gets one attempt per event, and its failures no further warning. */
  failed: boolean;
}

/** The notifications of the config, ready to send; problems are warnings, never errors. */
export function createNotifier(
  entries: readonly NotificationConfig[],
  options: { env?: NodeJS.ProcessEnv; warn(message: string): void },
): Notifier {
  const env = options.env ?? process.env;
  const pending = new Set<Promise<void>>();
  const exiting = new AbortController();
  let targets: Target[] | undefined;

  const warnFor = (target: Target, event: string, reason: string) => {
    if (target.failed) return;
    target.failed = true;
    const where = 'url' in target.filled ? ` (${redactUrlPath(target.filled.url)})` : '';
    const line = `${target.entry.type} notification failed (${event}): ${reason}${where}`;
    options.warn(maskSecrets(line, longestFirst([...target.secrets, ...secretValues(env)])));
  };

  const sendTo = async (target: Target, message: NotifyMessage) => {
    if ('problem' in target.filled) return warnFor(target, message.event, target.filled.problem);
    const { url, secret } = target.filled;
    const { body, headers } =
      target.entry.type === 'slack'
        ? { body: JSON.stringify(slackPayload(message)), headers: { 'Content-Type': 'application/json' } }
        : webhookRequest(message, secret);
    try {
      const attempts = target.failed ? 1 : RETRY_DELAYS_MS.length + 1;
      await deliver({ url, body, headers, timeoutMs: target.entry.timeout, attempts, signal: exiting.signal });
    } catch (error) {
      warnFor(target, message.event, error instanceof DeliveryError ? error.message : describeError(error));
    }
  };

  return {
    send(message) {
      const sending = Promise.resolve(message)
        .then((ready) => {
          targets ??= entries.map((entry, index) => resolveTarget(entry, index, env));
          const wanted = targets.filter((target) => !target.entry.on || target.entry.on.includes(ready.event));
          return Promise.all(wanted.map((target) => sendTo(target, ready)));
        })
        .then(
          () => {},
          (error: unknown) => options.warn(`notification not sent: ${describeError(error)}`),
        )
        .finally(() => pending.delete(sending));
      pending.add(sending);
    },
    async settle(signal) {
      // After Ctrl-C, a short grace: the `failure` of the deploy it aborted is worth a second.
      let stopped = false;
      const stop = new Promise<void>((resolve) => {
        const later = () => setTimeout(resolve, AFTER_INTERRUPT_MS).unref();
        if (signal?.aborted) later();
        else signal?.addEventListener('abort', later, { once: true });
      }).then(() => {
        stopped = true;
      });
      while (pending.size && !stopped) await Promise.race([Promise.all(pending), stop]);
      if (stopped) exiting.abort();
    },
  };
}

/** Fills `${env:NAME}` in the URL and secret once; an unset variable or a URL that is no URL is the target's problem. */
function resolveTarget(entry: NotificationConfig, index: number, env: NodeJS.ProcessEnv): Target {
  const templates: Record<string, string> = { url: entry.url };
  if (entry.type === 'webhook' && entry.secret) templates.secret = entry.secret;
  try {
    const { values, secrets } = fillFromEnv(templates, env, (key) => `notifications[${index}].${key}`);
    const url = values.url as string;
    const target = { entry, secrets: longestFirst([url, ...secrets]), failed: false };
    if (!/^https?:\/\/\S+$/.test(url)) {
      return { ...target, filled: { problem: `notifications[${index}].url is not an http(s) URL once filled in` } };
    }
    return { ...target, filled: { url, secret: values.secret } };
  } catch (error) {
    return { entry, filled: { problem: describeError(error) }, secrets: [], failed: false };
  }
}
