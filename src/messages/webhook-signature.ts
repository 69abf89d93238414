/**
 * Webhook signatures: `X-Comptoir-Signature: sha256=<hex>` is the
 * HMAC-SHA256 of the raw request body with the webhook's secret.
 * `X-Comptoir-Timestamp` carries the send time in Unix seconds. It is not
 * part of the signature, so receivers drop repeats by the event `id` in the
 * body.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-comptoir-signature';
export const TIMESTAMP_HEADER = 'x-comptoir-timestamp';
export const EVENT_HEADER = 'x-comptoir-event';
export const DELIVERY_HEADER = 'x-comptoir-delivery';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Checks a received signature in constant time, as a receiver would. */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
