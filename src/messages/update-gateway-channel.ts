/**
 * Saves the HTTP gateway of the SMS or WhatsApp channel. The URL and the
 * header values are sealed at rest because providers put tokens in them.
 */
import type { AuthContext } from '../auth/context.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Db } from '../db/database.ts';
import { IssueList } from '../shared/errors.ts';
import type { GatewayChannelInput } from './channel-schemas.ts';
import { type GatewayConfig, type GatewaySecrets, loadGatewayChannel, saveChannel } from './channel-store.ts';
import { gatewayPlaceholders } from './transports/gateway.ts';
import { checkHttpUrl, urlPreview } from './urls.ts';

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const reservedHeaders = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

export async function updateGatewayChannel(
  db: Db,
  auth: AuthContext,
  channel: 'sms' | 'whatsapp',
  input: GatewayChannelInput,
): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const stored = await loadGatewayChannel(trx, db, auth.businessId, channel);
    const previous: GatewaySecrets = stored?.hasSecrets ? stored.openSecrets() : {};
    const secrets: GatewaySecrets = {
      url: input.url ?? previous.url,
      headers: input.headers ?? previous.headers ?? {},
    };
    checkGateway(input, secrets);

    const config: GatewayConfig = {
      urlPreview: secrets.url ? urlPreview(secrets.url) : '',
      method: input.method,
      contentType: input.contentType,
      bodyTemplate: input.bodyTemplate,
      headerNames: Object.keys(secrets.headers ?? {}),
    };
    await saveChannel(trx, db, { businessId: auth.businessId, channel, enabled: input.enabled, config, secrets, userId: auth.userId });
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'message_channel',
      entityId: channel,
      action: 'update',
      changes: { ...config, enabled: input.enabled, urlChanged: input.url !== undefined, headersChanged: input.headers !== undefined },
    });
  });
}

function checkGateway(input: GatewayChannelInput, secrets: GatewaySecrets): void {
  const issues = new IssueList();
  if (!secrets.url) issues.add('url', 'required');
  else checkHttpUrl(secrets.url, 'url', issues);
  for (const name of Object.keys(secrets.headers ?? {})) {
    if (!headerName.test(name) || reservedHeaders.has(name.toLowerCase())) {
      issues.add(`headers.${name}`, 'invalid_header_name', { value: name });
    }
  }
  const searched = `${secrets.url ?? ''}\n${input.method === 'POST' ? input.bodyTemplate : ''}`;
  for (const name of gatewayPlaceholders) {
    if (!new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`).test(searched)) {
      issues.add(input.method === 'POST' ? 'bodyTemplate' : 'url', 'gateway_placeholder_missing', { name });
    }
  }
  for (const match of searched.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
    const name = match[1] ?? '';
    if (!(gatewayPlaceholders as readonly string[]).includes(name)) {
      issues.add(input.method === 'POST' ? 'bodyTemplate' : 'url', 'unknown_placeholder', { name });
    }
  }
  issues.throwIfAny();
}
