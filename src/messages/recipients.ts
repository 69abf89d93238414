/**
 * Recipients of a contact on each channel, and the channels the contact
 * refused.
 */
import { readPhone } from '../contacts/phones.ts';
import type { Executor } from '../db/database.ts';
import type { Channel } from './catalogue.ts';

export interface ReachableContact {
  email: string | null;
  mobile: string | null;
  mobile_e164: string | null;
}

/** Returns the email address, or the mobile in E.164 for SMS and WhatsApp, or null when there is none. */
export function recipientFor(channel: Channel, contact: ReachableContact, country: string): string | null {
  if (channel === 'email') return contact.email?.trim() || null;
  if (contact.mobile_e164) return contact.mobile_e164;
  return contact.mobile ? readPhone(contact.mobile, country).e164 : null;
}

/** Refusal dates by contact and channel; every refusal of the business without `contactIds`. */
export async function refusalsOf(
  db: Executor,
  businessId: string,
  contactIds?: string[],
): Promise<Map<string, Map<Channel, string>>> {
  let query = db
    .selectFrom('contact_channel_consents')
    .where('business_id', '=', businessId)
    .select(['contact_id', 'channel', 'refused_at']);
  if (contactIds) {
    if (contactIds.length === 0) return new Map();
    query = query.where('contact_id', 'in', contactIds);
  }
  const refusals = new Map<string, Map<Channel, string>>();
  for (const row of await query.execute()) {
    let byChannel = refusals.get(row.contact_id);
    if (!byChannel) {
      byChannel = new Map();
      refusals.set(row.contact_id, byChannel);
    }
    byChannel.set(row.channel as Channel, row.refused_at);
  }
  return refusals;
}
