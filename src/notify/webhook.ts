import { createHmac, randomUUID } from 'node:crypto';
import type { NotifyMessage } from './message.js';

/** Bumped only for a change a receiver must handle; new fields may appear within a version. */
const WEBHOOK_PAYLOAD_VERSION = 1;

const SIGNATURE_HEADER = 'X-Shipit-Signature-256';

/** The JSON a generic webhook receives (docs/schemas/webhook.schema.json). */
function webhookPayload(message: NotifyMessage, id: string = randomUUID(), now = new Date()) {
  return { version: WEBHOOK_PAYLOAD_VERSION, id, timestamp: now.toISOString(), ...message };
}

/**
 * The body and headers of one webhook delivery. The signature is GitHub's scheme: HMAC-SHA256 of
 * the raw body, hex, as `sha256=<hex>`; the body holds the event id and time, so they are signed too.
 */
export function webhookRequest(message: NotifyMessage, secret: string | undefined) {
  const payload = webhookPayload(message);
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': 'shipit-gate',
    'X-Shipit-Event': message.event,
    'X-Shipit-Delivery': payload.id,
    'X-Shipit-Timestamp': payload.timestamp,
  };
  if (secret) headers[SIGNATURE_HEADER] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return { body, headers };
}
