/** Reads a business's channel settings, without any secret. */
import type { Db } from '../db/database.ts';
import { loadEmailChannel, loadGatewayChannel } from './channel-store.ts';

export async function getChannels(db: Db, businessId: string) {
  const [email, sms, whatsapp] = await Promise.all([
    loadEmailChannel(db.kysely, db, businessId),
    loadGatewayChannel(db.kysely, db, businessId, 'sms'),
    loadGatewayChannel(db.kysely, db, businessId, 'whatsapp'),
  ]);
  const gatewayView = (channel: 'sms' | 'whatsapp', stored: typeof sms) =>
    stored ? { channel, enabled: stored.enabled, ...stored.config, updatedAt: stored.updatedAt } : null;
  return {
    email: email
      ? {
          channel: 'email' as const,
          enabled: email.enabled,
          ...email.config,
          passwordSet: email.hasSecrets,
          updatedAt: email.updatedAt,
        }
      : null,
    sms: gatewayView('sms', sms),
    whatsapp: gatewayView('whatsapp', whatsapp),
  };
}
