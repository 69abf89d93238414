/**
 * Sends a text through an HTTP gateway the business configures: any SMS
 * provider, or a WhatsApp API. The URL and body are templates with
 * `{{number}}` (E.164, with its `+`) and `{{text}}`, escaped for where they
 * land: URL-encoded in the URL and in form bodies, JSON-escaped in JSON.
 */
import type { GatewayConfig, GatewaySecrets } from '../channel-store.ts';
import { DeliveryError } from './delivery-error.ts';

export const gatewayPlaceholders = ['number', 'text'] as const;

const gatewayPattern = /\{\{\s*([a-z]+)\s*\}\}/g;
const TIMEOUT_MS = 15_000;

export interface GatewayRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export function buildGatewayRequest(
  config: GatewayConfig,
  secrets: GatewaySecrets,
  values: { number: string; text: string },
): GatewayRequest {
  if (!secrets.url) throw new DeliveryError('gateway URL is not set', true);
  const fill = (template: string, escape: (value: string) => string) =>
    template.replace(gatewayPattern, (whole, name: string) =>
      name === 'number' || name === 'text' ? escape(values[name]) : whole,
    );
  const url = fill(secrets.url, encodeURIComponent);
  const headers: Record<string, string> = { ...(secrets.headers ?? {}) };
  if (config.method === 'GET') return { url, method: 'GET', headers, body: undefined };

  const escape =
    config.contentType === 'application/json'
      ? (value: string) => JSON.stringify(value).slice(1, -1)
      : config.contentType === 'application/x-www-form-urlencoded'
        ? encodeURIComponent
        : (value: string) => value;
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = config.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : config.contentType;
  }
  return { url, method: 'POST', headers, body: fill(config.bodyTemplate, escape) };
}

/**
 * Sends the request. Redirects are not followed, so nothing but the
 * configured URL is fetched. A 2xx response is success. 408, 429 and 5xx
 * are retried, and other statuses fail at once.
 */
export async function sendThroughGateway(request: GatewayRequest): Promise<{ status: number; providerId: string | null }> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new DeliveryError(`gateway request failed: ${describeFetchError(error)}`, false);
  }
  const body = (await response.text().catch(() => '')).slice(0, 500);
  if (response.status >= 200 && response.status < 300) {
    return { status: response.status, providerId: providerIdFrom(body) };
  }
  const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
  const message = `gateway response was HTTP ${response.status}${body ? `: ${body}` : ''}`;
  throw new DeliveryError(message, !retryable, response.status, body || null);
}

export function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return `timed out after ${TIMEOUT_MS / 1000} s`;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

function providerIdFrom(body: string): string | null {
  try {
    const value = JSON.parse(body) as Record<string, unknown>;
    const id = value.id ?? value.messageId ?? value.message_id ?? value.sid;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
  } catch {
    return null;
  }
}
