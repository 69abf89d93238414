/**
 * A business's settings for each channel: the public part as JSON, the
 * secrets sealed with the instance key and opened only to send.
 */
import { z } from 'zod';
import type { Db, Executor } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import type { Channel } from './catalogue.ts';
import { secretBox, secretContext } from './secrets.ts';

export const emailSecurity = ['tls', 'starttls', 'none'] as const;
export const gatewayMethods = ['GET', 'POST'] as const;
export const gatewayContentTypes = ['application/json', 'application/x-www-form-urlencoded', 'text/plain'] as const;

export const emailConfigSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  security: z.enum(emailSecurity),
  user: z.string().nullable(),
  fromAddress: z.string(),
  fromName: z.string().nullable(),
  replyTo: z.string().nullable(),
});
export type EmailConfig = z.infer<typeof emailConfigSchema>;

export const gatewayConfigSchema = z.object({
  /** Scheme, host and path of the URL, for display; the whole URL is a secret. */
  urlPreview: z.string(),
  method: z.enum(gatewayMethods),
  contentType: z.enum(gatewayContentTypes),
  bodyTemplate: z.string(),
  headerNames: z.array(z.string()),
});
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export interface EmailSecrets {
  password?: string;
}

export interface GatewaySecrets {
  /** The URL may carry credentials in its query, so it is sealed whole. */
  url?: string;
  headers?: Record<string, string>;
}

export interface StoredChannel<Config, Secrets> {
  enabled: boolean;
  config: Config;
  /** Opens the secrets; throws when the key is missing or changed. */
  openSecrets(): Secrets;
  hasSecrets: boolean;
  updatedAt: string;
}

export type KeySource = Pick<Db, 'engine' | 'url'>;

function purpose(channel: Channel): string {
  return `channel:${channel}`;
}

export async function readChannelRow(db: Executor, businessId: string, channel: Channel) {
  return db
    .selectFrom('message_channels')
    .where('business_id', '=', businessId)
    .where('channel', '=', channel)
    .selectAll()
    .executeTakeFirst();
}

export async function loadEmailChannel(db: Executor, keys: KeySource, businessId: string) {
  return loadChannel(db, keys, businessId, 'email', emailConfigSchema) as Promise<StoredChannel<EmailConfig, EmailSecrets> | null>;
}

export async function loadGatewayChannel(db: Executor, keys: KeySource, businessId: string, channel: 'sms' | 'whatsapp') {
  return loadChannel(db, keys, businessId, channel, gatewayConfigSchema) as Promise<StoredChannel<GatewayConfig, GatewaySecrets> | null>;
}

async function loadChannel<Config>(
  db: Executor,
  keys: KeySource,
  businessId: string,
  channel: Channel,
  schema: z.ZodType<Config>,
): Promise<StoredChannel<Config, unknown> | null> {
  const row = await readChannelRow(db, businessId, channel);
  if (!row) return null;
  const sealed = row.secrets;
  return {
    enabled: row.enabled === 1,
    config: schema.parse(JSON.parse(row.config)),
    hasSecrets: sealed !== null,
    updatedAt: row.updated_at,
    openSecrets() {
      if (!sealed) return {};
      return JSON.parse(secretBox(keys).open(sealed, secretContext(businessId, purpose(channel))));
    },
  };
}

export async function saveChannel(
  trx: Executor,
  keys: KeySource,
  input: { businessId: string; channel: Channel; enabled: boolean; config: object; secrets: object | null; userId: string | null },
): Promise<void> {
  const hasSecret = input.secrets !== null && Object.values(input.secrets).some((v) => v !== undefined && !isEmptyObject(v));
  const sealed = hasSecret
    ? secretBox(keys).seal(JSON.stringify(input.secrets), secretContext(input.businessId, purpose(input.channel)))
    : null;
  const row = {
    business_id: input.businessId,
    channel: input.channel,
    enabled: input.enabled ? 1 : 0,
    config: JSON.stringify(input.config),
    secrets: sealed,
    updated_by: input.userId,
    updated_at: new Date().toISOString(),
  };
  await trx
    .insertInto('message_channels')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['business_id', 'channel']).doUpdateSet({
        enabled: row.enabled,
        config: row.config,
        secrets: row.secrets,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

export function channelNotConfigured(channel: Channel): AppError {
  return new AppError('channel_not_configured', { channel });
}
