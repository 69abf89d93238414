/** Sends email over the business's SMTP server with nodemailer. */
import nodemailer from 'nodemailer';
import type { EmailConfig, EmailSecrets } from '../channel-store.ts';
import { DeliveryError } from './delivery-error.ts';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: EmailAttachment[];
}

export interface EmailSender {
  send(email: OutgoingEmail): Promise<{ providerId: string | null }>;
  close(): void;
}

/** Timeouts stay well under the outbox lease, so a claim never expires mid-send. */
const CONNECTION_TIMEOUT_MS = 20_000;
const SOCKET_TIMEOUT_MS = 60_000;

export function createEmailSender(config: EmailConfig, secrets: EmailSecrets): EmailSender {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    auth: config.user ? { user: config.user, pass: secrets.password ?? '' } : undefined,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: CONNECTION_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  const from = config.fromName ? { name: config.fromName, address: config.fromAddress } : config.fromAddress;
  return {
    async send(email) {
      try {
        const info = await transport.sendMail({
          from,
          to: email.to,
          replyTo: config.replyTo ?? undefined,
          subject: email.subject,
          text: email.text,
          html: email.html ?? undefined,
          attachments: email.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        });
        return { providerId: typeof info.messageId === 'string' ? info.messageId : null };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

/**
 * SMTP 5xx replies and a rejected login are permanent; connection trouble
 * and 4xx replies are worth another try.
 */
function toDeliveryError(error: unknown): DeliveryError {
  const { responseCode, code, message } = error as { responseCode?: number; code?: string; message?: string };
  const text = `SMTP ${responseCode ?? code ?? 'error'}: ${message ?? String(error)}`;
  const permanent = (responseCode !== undefined && responseCode >= 500) || code === 'EAUTH' || code === 'EENVELOPE';
  return new DeliveryError(text, permanent, responseCode ?? null);
}
