/**
 * Reads the facts a message states about a contact: the business, its
 * locations, the contact, an optional document or payment, and the open items.
 */
import type { Executor } from '../db/database.ts';
import type { ContactRow, LocationTable } from '../db/schema.ts';
import { balancesAt } from '../ledger/balance-at.ts';
import { addDays, todayIn } from '../ledger/dates.ts';
import { methodLabels } from '../payments/methods.ts';
import { notFound } from '../shared/errors.ts';
import type { MessageLocale } from './catalogue.ts';
import type { AddressFacts, MessageFacts, OpenItemLine } from './values.ts';

export interface FactsRequest {
  businessId: string;
  contactId: string;
  documentId?: string | null;
  paymentId?: string | null;
  /** The items a reminder lists; without it every open debit item is listed. */
  items?: OpenItemLine[];
  today?: string;
}

export interface LoadedFacts {
  facts: MessageFacts;
  contact: ContactRow;
  timezone: string;
}

export function localeOf(language: string | null | undefined, fallback: string): MessageLocale {
  const value = (language ?? fallback).toLowerCase();
  return value.startsWith('en') ? 'en' : 'fr';
}

export async function loadFacts(db: Executor, request: FactsRequest): Promise<LoadedFacts> {
  const business = await db
    .selectFrom('businesses')
    .where('id', '=', request.businessId)
    .select(['name', 'currency', 'locale', 'timezone'])
    .executeTakeFirst();
  if (!business) throw notFound('business');
  const contact = await db
    .selectFrom('contacts')
    .where('business_id', '=', request.businessId)
    .where('id', '=', request.contactId)
    .selectAll()
    .executeTakeFirst();
  if (!contact) throw notFound('contact');

  const locale = localeOf(contact.language, business.locale);
  const document = request.documentId ? await loadDocument(db, request.businessId, contact.id, request.documentId) : undefined;
  const payment = request.paymentId ? await loadPayment(db, request.businessId, contact.id, request.paymentId, locale) : undefined;
  const locations = await db
    .selectFrom('locations')
    .where('business_id', '=', request.businessId)
    .orderBy('created_at')
    .orderBy('id')
    .selectAll()
    .execute();
  const main = locations[0];
  const locationId = document?.locationId ?? payment?.locationId;
  const location = locations.find((l) => l.id === locationId) ?? main;

  const today = request.today ?? todayIn(business.timezone);
  const facts: MessageFacts = {
    locale,
    currency: business.currency,
    today,
    businessName: business.name,
    mainLocation: addressOf(main, business.name),
    location: addressOf(location, business.name),
    contact: contactFactsOf(contact),
    document: document?.facts,
    payment: payment?.facts,
    account: await loadAccount(db, request.businessId, contact.id, today, request.items),
  };
  return { facts, contact, timezone: business.timezone };
}

export function addressOf(location: Pick<LocationTable, 'name' | 'address_line1' | 'zip_code' | 'city' | 'phone' | 'email'> | undefined, fallbackName: string): AddressFacts {
  if (!location) return { name: fallbackName, phone: null, email: null, address: null };
  const town = [location.zip_code, location.city].filter(Boolean).join(' ');
  const address = [location.address_line1, town].filter(Boolean).join(', ');
  return { name: location.name, phone: location.phone, email: location.email, address: address || null };
}

export function contactFactsOf(
  contact: Pick<ContactRow, 'name' | 'first_name' | 'last_name' | 'business_name' | 'code' | 'email' | 'mobile' | 'custom_fields'>,
): MessageFacts['contact'] {
  return {
    name: contact.name,
    firstName: contact.first_name,
    lastName: contact.last_name,
    businessName: contact.business_name,
    code: contact.code,
    email: contact.email,
    mobile: contact.mobile,
    customFields: parseCustomFields(contact.custom_fields),
  };
}

function parseCustomFields(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== 'object') return {};
    const fields: Record<string, string> = {};
    for (const [key, field] of Object.entries(value)) {
      if (field !== null && field !== undefined) fields[key] = String(field);
    }
    return fields;
  } catch {
    return {};
  }
}

async function loadDocument(db: Executor, businessId: string, contactId: string, documentId: string) {
  const row = await db
    .selectFrom('documents')
    .leftJoin('open_items', (join) =>
      join
        .onRef('open_items.source_id', '=', 'documents.id')
        .on('open_items.source_type', '=', 'document')
        .onRef('open_items.business_id', '=', 'documents.business_id'),
    )
    .where('documents.business_id', '=', businessId)
    .where('documents.id', '=', documentId)
    .select([
      'documents.number',
      'documents.date',
      'documents.due_date',
      'documents.total',
      'documents.location_id',
      'documents.contact_id',
      'open_items.open_amount',
    ])
    .executeTakeFirst();
  if (!row || row.contact_id !== contactId) throw notFound('document');
  const due = row.open_amount ?? row.total;
  return {
    locationId: row.location_id,
    facts: { number: row.number, date: row.date, total: row.total, paid: row.total - due, due, dueDate: row.due_date },
  };
}

async function loadPayment(db: Executor, businessId: string, contactId: string, paymentId: string, locale: MessageLocale) {
  const row = await db
    .selectFrom('payments')
    .where('business_id', '=', businessId)
    .where('id', '=', paymentId)
    .select(['number', 'external_reference', 'amount', 'date', 'method', 'location_id', 'contact_id'])
    .executeTakeFirst();
  if (!row || row.contact_id !== contactId) throw notFound('payment');
  const method = (await methodLabels(db, businessId, locale)).get(row.method) ?? row.method;
  return {
    locationId: row.location_id,
    facts: { reference: row.external_reference || row.number, amount: row.amount, date: row.date, method },
  };
}

async function loadAccount(db: Executor, businessId: string, contactId: string, today: string, listed?: OpenItemLine[]) {
  const rows = await db
    .selectFrom('open_items')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .where('status', '=', 'open')
    .select(['id', 'side', 'reference', 'date', 'due_date', 'open_amount', 'disputed_at'])
    .orderBy('due_date')
    .orderBy('id')
    .execute();
  let credits = 0;
  const items: OpenItemLine[] = [];
  for (const row of rows) {
    if (row.side === 'credit') {
      credits += row.open_amount;
      continue;
    }
    if (row.open_amount > 0 && !row.disputed_at) {
      items.push({ id: row.id, reference: row.reference, date: row.date, dueDate: row.due_date, openAmount: row.open_amount });
    }
  }
  const shown = listed ?? items;
  const listedTotal = shown.reduce((sum, item) => sum + item.openAmount, 0);
  // Templates print the balance "as of {{today}}", so it leaves out entries dated later (a post-dated
  // payment), like the closing balance of the statement PDF. The open items already count them.
  const [netDue = 0] = await balancesAt(db, { businessId, contactId, locationId: null }, [{ date: addDays(today, 1) }]);
  return { netDue, items: shown, itemsDue: Math.max(0, listedTotal - credits) };
}
