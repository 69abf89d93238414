/** API shapes of the channel settings. Secrets are write-only. */
import { z } from 'zod';
import { emailSecurity, gatewayContentTypes, gatewayMethods } from './channel-store.ts';

export const emailChannelInput = z.object({
  enabled: z.boolean(),
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  security: z.enum(emailSecurity).describe('tls: TLS from the start (port 465); starttls: upgrade required (587); none: plain'),
  user: z.string().trim().max(255).nullable().optional(),
  password: z.string().max(1000).nullable().optional().describe('omitted: keep the stored password; null: remove it'),
  fromAddress: z.email(),
  fromName: z.string().trim().max(200).nullable().optional(),
  replyTo: z.email().nullable().optional(),
});
export type EmailChannelInput = z.infer<typeof emailChannelInput>;

export const gatewayChannelInput = z.object({
  enabled: z.boolean(),
  url: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .describe('http(s) URL, may contain {{number}} and {{text}}; omitted: keep the stored URL'),
  method: z.enum(gatewayMethods),
  contentType: z.enum(gatewayContentTypes).default('application/json'),
  bodyTemplate: z.string().max(10_000).default('').describe('POST body with {{number}} and {{text}}'),
  headers: z
    .record(z.string(), z.string().max(4000))
    .optional()
    .describe('replaces every stored header (values are secret); omitted: keep them'),
});
export type GatewayChannelInput = z.infer<typeof gatewayChannelInput>;

export const emailChannelView = z.object({
  channel: z.literal('email'),
  enabled: z.boolean(),
  host: z.string(),
  port: z.number(),
  security: z.enum(emailSecurity),
  user: z.string().nullable(),
  passwordSet: z.boolean(),
  fromAddress: z.string(),
  fromName: z.string().nullable(),
  replyTo: z.string().nullable(),
  updatedAt: z.string(),
});

export const gatewayChannelView = z.object({
  channel: z.enum(['sms', 'whatsapp']),
  enabled: z.boolean(),
  urlPreview: z.string().describe('scheme, host and path; the query may hold credentials and is not shown'),
  method: z.enum(gatewayMethods),
  contentType: z.enum(gatewayContentTypes),
  bodyTemplate: z.string(),
  headerNames: z.array(z.string()),
  updatedAt: z.string(),
});

export const channelsView = z.object({
  email: emailChannelView.nullable(),
  sms: gatewayChannelView.nullable(),
  whatsapp: gatewayChannelView.nullable(),
});

export const channelTestInput = z.object({
  to: z.string().trim().min(1).max(320).describe('an email address or a phone number'),
});

export const channelTestResult = z.object({
  ok: z.boolean(),
  error: z.string().nullable(),
  recipient: z.string(),
  status: z.number().nullable().describe('HTTP status of a gateway\'s response to a failed test; null otherwise'),
  response: z.string().nullable().describe('start of that response\'s body (500 characters at most), or null'),
}).describe('ok: the server or gateway accepted the message; otherwise error says why, as the server or gateway put it');
