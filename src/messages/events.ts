/**
 * Events the rest of Comptoir reports to messages: a sale finalised, a
 * payment recorded, a contact changed. They are reported inside the
 * transaction of the change, so the automatic messages and webhook
 * deliveries are stored with it or not at all. The outbox sends them later.
 */
import type { Executor } from '../db/database.ts';
import { withPendingFigures } from '../ledger/deferred-figures.ts';
import { newId } from '../shared/ids.ts';
import { formatDecimal } from '../shared/money.ts';
import type { Channel, TemplateEvent } from './catalogue.ts';
import { composeMessages } from './compose.ts';
import { enqueueMessages, type NewMessage } from './enqueue.ts';
import { loadFacts, localeOf } from './facts.ts';
import { notBefore } from './quiet-hours.ts';
import { refusalsOf } from './recipients.ts';
import { enabledChannels, loadMessageSettings } from './settings.ts';
import { loadTemplates, type Template } from './templates.ts';
import { activeWebhooks, deliveriesOf, type WebhookEvent, webhookDeliveries } from './webhook-events.ts';

export type CommerceEvent =
  | { type: 'sale.finalised'; businessId: string; documentId: string; contactId: string | null }
  | { type: 'purchase.finalised'; businessId: string; documentId: string; contactId: string | null }
  | { type: 'payment.recorded'; businessId: string; paymentId: string; contactId: string | null }
  | { type: 'contact.created' | 'contact.updated' | 'contact.deleted'; businessId: string; contactId: string }
  | { type: 'balance.changed'; businessId: string; contactId: string };

/**
 * Queues the automatic messages of the templates switched on for the event,
 * and a delivery for each webhook subscribed to it. A sale or payment of a
 * contact also reports the contact's new balance to webhooks.
 */
export async function enqueueEventMessages(trx: Executor, event: CommerceEvent, now = new Date()): Promise<string[]> {
  const messages: NewMessage[] = [];
  const hooks: WebhookEvent[] = [];
  switch (event.type) {
    case 'sale.finalised':
    case 'purchase.finalised': {
      const templateEvent: TemplateEvent = event.type === 'sale.finalised' ? 'new_sale' : 'new_purchase';
      if (event.contactId) {
        messages.push(...(await automaticMessages(trx, event.businessId, event.contactId, templateEvent, { documentId: event.documentId }, now)));
      }
      if (event.type === 'sale.finalised') hooks.push(await documentHook(trx, event.businessId, event.documentId));
      if (event.contactId) hooks.push(await balanceHook(trx, event.businessId, event.contactId));
      break;
    }
    case 'payment.recorded': {
      const payment = await trx
        .selectFrom('payments')
        .where('business_id', '=', event.businessId)
        .where('id', '=', event.paymentId)
        .select(['direction', 'kind'])
        .executeTakeFirst();
      if (event.contactId && payment?.kind === 'payment') {
        const templateEvent: TemplateEvent = payment.direction === 'paid' ? 'payment_made' : 'payment_received';
        messages.push(...(await automaticMessages(trx, event.businessId, event.contactId, templateEvent, { paymentId: event.paymentId }, now)));
      }
      hooks.push(await paymentHook(trx, event.businessId, event.paymentId));
      if (event.contactId) hooks.push(await balanceHook(trx, event.businessId, event.contactId));
      break;
    }
    case 'contact.created':
    case 'contact.updated':
    case 'contact.deleted':
      hooks.push(await contactHook(trx, event.businessId, event.type, event.contactId));
      break;
    case 'balance.changed':
      hooks.push(await balanceHook(trx, event.businessId, event.contactId));
      break;
  }
  for (const hook of hooks) messages.push(...(await webhookDeliveries(trx, event.businessId, hook, now)));
  return enqueueMessages(trx, messages, now);
}

const autoColumn: Record<Channel, 'email' | 'sms' | 'whatsapp'> = { email: 'email', sms: 'sms', whatsapp: 'whatsapp' };

async function automaticMessages(
  trx: Executor,
  businessId: string,
  contactId: string,
  templateEvent: TemplateEvent,
  source: { documentId?: string; paymentId?: string },
  now: Date,
): Promise<NewMessage[]> {
  const rows = await trx
    .selectFrom('message_templates')
    .where('business_id', '=', businessId)
    .where('event', '=', templateEvent)
    .where((eb) => eb.or([eb('auto_email', '=', 1), eb('auto_sms', '=', 1), eb('auto_whatsapp', '=', 1)]))
    .select('id')
    .execute();
  if (rows.length === 0) return [];
  const templates = await loadTemplates(trx, businessId, rows.map((r) => r.id));

  const { facts, contact, timezone } = await loadFacts(trx, { businessId, contactId, ...source });
  const business = await trx.selectFrom('businesses').where('id', '=', businessId).select(['country', 'locale']).executeTakeFirstOrThrow();
  const settings = await loadMessageSettings(trx, businessId);
  const enabled = await enabledChannels(trx, businessId);
  const refusals = (await refusalsOf(trx, businessId, [contactId])).get(contactId);
  const sourceId = source.documentId ?? source.paymentId ?? '';

  return templates.flatMap((template: Template) => {
    const channels = (Object.keys(autoColumn) as Channel[]).filter((channel) => template.autoSend[channel]);
    return composeMessages({
      businessId,
      contact,
      country: business.country,
      businessLocale: localeOf(business.locale, 'fr'),
      facts,
      template,
      channels,
      refusals,
      enabled,
      origin: 'event',
      sourceType: source.documentId ? 'document' : 'payment',
      sourceId,
      dedupePrefix: `event:${templateEvent}:${sourceId}:${template.id}`,
      notBefore: notBefore(now, timezone, settings.quietHours).toISOString(),
    }).messages;
  });
}

async function currencyOf(trx: Executor, businessId: string): Promise<string> {
  const row = await trx.selectFrom('businesses').where('id', '=', businessId).select('currency').executeTakeFirstOrThrow();
  return row.currency;
}

async function documentHook(trx: Executor, businessId: string, documentId: string): Promise<WebhookEvent> {
  const document = await trx
    .selectFrom('documents')
    .where('business_id', '=', businessId)
    .where('id', '=', documentId)
    .select(['id', 'number', 'contact_id', 'location_id', 'date', 'due_date', 'total'])
    .executeTakeFirstOrThrow();
  const currency = await currencyOf(trx, businessId);
  return {
    id: newId(),
    type: 'sale.finalised',
    data: {
      documentId: document.id,
      number: document.number,
      contactId: document.contact_id,
      locationId: document.location_id,
      date: document.date,
      dueDate: document.due_date,
      total: formatDecimal(document.total, currency),
      currency,
    },
  };
}

async function paymentHook(trx: Executor, businessId: string, paymentId: string): Promise<WebhookEvent> {
  const payment = await trx
    .selectFrom('payments')
    .where('business_id', '=', businessId)
    .where('id', '=', paymentId)
    .select(['id', 'number', 'contact_id', 'kind', 'direction', 'amount', 'method', 'date', 'document_id'])
    .executeTakeFirstOrThrow();
  const currency = await currencyOf(trx, businessId);
  return {
    id: newId(),
    type: 'payment.recorded',
    data: {
      paymentId: payment.id,
      number: payment.number,
      contactId: payment.contact_id,
      kind: payment.kind,
      direction: payment.direction,
      amount: formatDecimal(payment.amount, currency),
      currency,
      method: payment.method,
      date: payment.date,
      documentId: payment.document_id,
    },
  };
}

async function balanceHook(trx: Executor, businessId: string, contactId: string): Promise<WebhookEvent> {
  const contact = await trx
    .selectFrom('contacts')
    .where('business_id', '=', businessId)
    .where('id', '=', contactId)
    .select(['id', 'code', 'balance', 'receivable', 'payable', 'advance'])
    .executeTakeFirstOrThrow();
  const figures = withPendingFigures(trx, contact.id, {
    balance: Number(contact.balance),
    receivable: Number(contact.receivable),
    payable: Number(contact.payable),
    advance: Number(contact.advance),
  });
  const currency = await currencyOf(trx, businessId);
  return {
    id: newId(),
    type: 'balance.changed',
    data: {
      contactId: contact.id,
      code: contact.code,
      balance: formatDecimal(figures.balance, currency),
      receivable: formatDecimal(figures.receivable, currency),
      payable: formatDecimal(figures.payable, currency),
      advance: formatDecimal(figures.advance, currency),
      currency,
    },
  };
}

/** The fields a contact event carries. */
export interface ContactEventFields {
  id: string;
  code: string;
  name: string;
  type: string;
  status: string;
}

function contactEventData(contact: ContactEventFields): Record<string, unknown> {
  return { contactId: contact.id, code: contact.code, name: contact.name, type: contact.type, status: contact.status };
}

async function contactHook(
  trx: Executor,
  businessId: string,
  type: 'contact.created' | 'contact.updated' | 'contact.deleted',
  contactId: string,
): Promise<WebhookEvent> {
  const contact = await trx
    .selectFrom('contacts')
    .where('business_id', '=', businessId)
    .where('id', '=', contactId)
    .select(['id', 'code', 'name', 'type', 'status'])
    .executeTakeFirst();
  // A deleted contact may already be gone: its id is all the event carries then.
  return { id: newId(), type, data: contact ? contactEventData(contact) : { contactId } };
}

/**
 * Reports `contact.created` for contacts written in this transaction, as
 * `enqueueEventMessages` does for one: a webhook delivery each, with the
 * webhooks read once and the deliveries stored with multi-row INSERTs.
 */
export async function enqueueContactsCreated(
  trx: Executor,
  businessId: string,
  contacts: readonly ContactEventFields[],
  now = new Date(),
): Promise<string[]> {
  return enqueueContactEvents(trx, businessId, 'contact.created', contacts, now);
}

/**
 * Reports `contact.deleted` for contacts about to be deleted in this
 * transaction, with the fields they have before the delete, in the same
 * way as `enqueueContactsCreated`.
 */
export async function enqueueContactsDeleted(
  trx: Executor,
  businessId: string,
  contacts: readonly ContactEventFields[],
  now = new Date(),
): Promise<string[]> {
  return enqueueContactEvents(trx, businessId, 'contact.deleted', contacts, now);
}

async function enqueueContactEvents(
  trx: Executor,
  businessId: string,
  type: 'contact.created' | 'contact.deleted',
  contacts: readonly ContactEventFields[],
  now: Date,
): Promise<string[]> {
  if (contacts.length === 0) return [];
  const hooks = await activeWebhooks(trx, businessId);
  if (hooks.length === 0) return [];
  const messages = contacts.flatMap((contact) =>
    deliveriesOf(hooks, businessId, { id: newId(), type, data: contactEventData(contact) }, now));
  return enqueueMessages(trx, messages, now);
}
