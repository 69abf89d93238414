/**
 * The WhatsApp click-to-chat link for a contact, `https://wa.me/<digits>?text=…`,
 * with a template's text (its WhatsApp text, else its SMS text) or a typed
 * one. The browser opens it; nothing is sent from the server.
 */
import type { AuthContext } from '../auth/context.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Db } from '../db/database.ts';
import { AppError, IssueList } from '../shared/errors.ts';
import { loadFacts, localeOf } from './facts.ts';
import { recipientFor } from './recipients.ts';
import { checkPlaceholders, renderText } from './render.ts';
import { loadTemplate, pickContent } from './templates.ts';
import { formatDate, placeholderValues } from './values.ts';

export const WHATSAPP_BASE_URL = 'https://wa.me/';

export interface WhatsappLinkRequest {
  templateId?: string;
  documentId?: string;
  paymentId?: string;
  text?: string;
}

export async function whatsappLink(db: Db, auth: AuthContext, contactId: string, request: WhatsappLinkRequest) {
  await loadVisibleContact(db.kysely, auth, contactId);
  const { facts, contact } = await loadFacts(db.kysely, { businessId: auth.businessId, contactId, ...request });
  const business = await db.kysely
    .selectFrom('businesses')
    .where('id', '=', auth.businessId)
    .select(['country', 'locale'])
    .executeTakeFirstOrThrow();

  const refusal = await db.kysely
    .selectFrom('contact_channel_consents')
    .where('business_id', '=', auth.businessId)
    .where('contact_id', '=', contactId)
    .where('channel', '=', 'whatsapp')
    .select('refused_at')
    .executeTakeFirst();
  if (refusal) throw new AppError('channel_refused', { channel: 'WhatsApp', date: formatDate(refusal.refused_at.slice(0, 10), facts.locale) });
  const number = recipientFor('whatsapp', contact, business.country);
  if (!number) throw new AppError('contact_unreachable', { channel: 'WhatsApp', field: 'mobile' });

  let template = '';
  if (request.text !== undefined) {
    const issues = new IssueList();
    checkPlaceholders(request.text, 'manual', 'text', issues);
    issues.throwIfAny();
    template = request.text;
  } else if (request.templateId) {
    const loaded = await loadTemplate(db.kysely, auth.businessId, request.templateId);
    const businessLocale = localeOf(business.locale, 'fr');
    const content =
      pickContent(loaded, 'whatsapp', facts.locale, businessLocale) ?? pickContent(loaded, 'sms', facts.locale, businessLocale);
    template = content?.text ?? '';
  }
  const text = renderText(template, placeholderValues(facts));
  const digits = number.replace(/\D/g, '');
  const url = `${WHATSAPP_BASE_URL}${digits}${text ? `?text=${encodeURIComponent(text)}` : ''}`;
  return { url, number, text };
}
