/**
 * Sends a test message at once with the saved settings of a channel and
 * returns the outcome, so the settings screen can show the server's error.
 */
import type { AuthContext } from '../auth/context.ts';
import { readPhone } from '../contacts/phones.ts';
import type { Db } from '../db/database.ts';
import { IssueList } from '../shared/errors.ts';
import type { Channel } from './catalogue.ts';
import { channelNotConfigured, loadEmailChannel, loadGatewayChannel } from './channel-store.ts';
import { createEmailSender } from './transports/email.ts';
import { DeliveryError } from './transports/delivery-error.ts';
import { buildGatewayRequest, sendThroughGateway } from './transports/gateway.ts';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const wording = {
  fr: { subject: 'Comptoir : message de test', text: 'Ceci est un message de test envoyé par Comptoir pour {name}.' },
  en: { subject: 'Comptoir: test message', text: 'This is a test message sent by Comptoir for {name}.' },
};

export interface TestResult {
  ok: boolean;
  error: string | null;
  recipient: string;
  /** The HTTP status of a gateway's failed response, for the settings screen to explain; null otherwise. */
  status: number | null;
  /** The start of that response's body, or null. */
  response: string | null;
}

export async function testChannel(db: Db, auth: AuthContext, channel: Channel, to: string, locale: 'fr' | 'en'): Promise<TestResult> {
  const business = await db.kysely
    .selectFrom('businesses')
    .where('id', '=', auth.businessId)
    .select(['name', 'country'])
    .executeTakeFirstOrThrow();
  const words = wording[locale];
  const text = words.text.replace('{name}', business.name);
  const issues = new IssueList();

  if (channel === 'email') {
    if (!emailPattern.test(to)) issues.add('to', 'invalid_email', { value: to });
    issues.throwIfAny();
    const stored = await loadEmailChannel(db.kysely, db, auth.businessId);
    if (!stored) throw channelNotConfigured(channel);
    const sender = createEmailSender(stored.config, stored.openSecrets());
    try {
      await sender.send({ to, subject: words.subject, text, html: null, attachments: [] });
      return { ok: true, error: null, recipient: to, status: null, response: null };
    } catch (error) {
      return { ok: false, error: (error as Error).message, recipient: to, status: null, response: null };
    } finally {
      sender.close();
    }
  }

  const number = readPhone(to, business.country).e164;
  if (!number) issues.add('to', 'invalid_phone', { value: to });
  issues.throwIfAny();
  const stored = await loadGatewayChannel(db.kysely, db, auth.businessId, channel);
  if (!stored || !number) throw channelNotConfigured(channel);
  try {
    await sendThroughGateway(buildGatewayRequest(stored.config, stored.openSecrets(), { number, text }));
    return { ok: true, error: null, recipient: number, status: null, response: null };
  } catch (error) {
    const answered = error instanceof DeliveryError ? error : null;
    return {
      ok: false,
      error: (error as Error).message,
      recipient: number,
      status: answered?.status ?? null,
      response: answered?.responseBody ?? null,
    };
  }
}
