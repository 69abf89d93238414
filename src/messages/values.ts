/**
 * Turns the facts behind a message into placeholder values, with amounts and
 * dates written in the recipient's language.
 */
import { formatDecimal, minorDigits } from '../shared/money.ts';
import type { MessageLocale } from './catalogue.ts';
import { escapeHtml, type RenderValues } from './render.ts';

export interface OpenItemLine {
  id: string;
  reference: string;
  date: string;
  dueDate: string;
  /** Open amount in minor units. */
  openAmount: number;
}

export interface AddressFacts {
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export interface MessageFacts {
  locale: MessageLocale;
  currency: string;
  today: string;
  businessName: string;
  /** The business's main location, whose details stand for the business's own. */
  mainLocation: AddressFacts;
  location: AddressFacts;
  contact: {
    name: string;
    firstName: string | null;
    lastName: string | null;
    businessName: string | null;
    code: string;
    email: string | null;
    mobile: string | null;
    customFields: Record<string, string>;
  };
  document?: { number: string; date: string; total: number; paid: number; due: number; dueDate: string };
  payment?: { reference: string; amount: number; date: string; method: string };
  account: {
    /** Ledger balance at the end of `today`, in minor units: entries dated later are left out. */
    netDue: number;
    items: OpenItemLine[];
    /** Total of the listed items after the contact's advances, never below zero. */
    itemsDue: number;
  };
}

// Building an Intl formatter costs far more than using one, and a reminder
// run formats hundreds of thousands of values, so each is made once.
const dateFormats = {
  fr: new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }),
};
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Formatted dates by locale and date: a run repeats the same few dates. */
const formattedDates = new Map<string, string>();
const FORMATTED_DATES_MAX = 10_000;

export function formatDate(date: string, locale: MessageLocale): string {
  const key = `${locale}${date}`;
  const known = formattedDates.get(key);
  if (known !== undefined) return known;
  const value = new Date(`${date}T00:00:00Z`);
  const text = Number.isNaN(value.getTime()) ? date : dateFormats[locale].format(value);
  if (formattedDates.size >= FORMATTED_DATES_MAX) formattedDates.clear();
  formattedDates.set(key, text);
  return text;
}

/** Writes an amount as `formatMoney` in src/shared/money.ts does, with a cached formatter. */
export function formatAmount(minor: number, currency: string, locale: MessageLocale): string {
  const key = `${currency}:${locale}`;
  let format = moneyFormats.get(key);
  if (!format) {
    const digits = minorDigits(currency);
    format = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(key, format);
  }
  // The decimal string goes through Intl exactly, without a float product.
  return format.format(formatDecimal(minor, currency) as unknown as number);
}

function itemLine(item: OpenItemLine, facts: MessageFacts): string {
  const date = formatDate(item.date, facts.locale);
  const due = formatDate(item.dueDate, facts.locale);
  const amount = formatAmount(item.openAmount, facts.currency, facts.locale);
  return facts.locale === 'fr'
    ? `${item.reference} du ${date}, échéance le ${due} : ${amount}`
    : `${item.reference} of ${date}, due ${due}: ${amount}`;
}

export function placeholderValues(facts: MessageFacts): RenderValues {
  const money = (minor: number) => formatAmount(minor, facts.currency, facts.locale);
  const date = (value: string) => formatDate(value, facts.locale);
  const lines = facts.account.items.map((item) => itemLine(item, facts));
  const text: Record<string, string> = {
    business_name: facts.businessName,
    business_phone: facts.mainLocation.phone ?? '',
    business_email: facts.mainLocation.email ?? '',
    business_address: facts.mainLocation.address ?? '',
    contact_name: facts.contact.name,
    contact_first_name: facts.contact.firstName ?? '',
    contact_last_name: facts.contact.lastName ?? '',
    contact_business_name: facts.contact.businessName ?? '',
    contact_code: facts.contact.code,
    contact_email: facts.contact.email ?? '',
    contact_mobile: facts.contact.mobile ?? '',
    contact_due: money(facts.account.netDue),
    open_items: lines.map((line) => `- ${line}`).join('\n'),
    open_items_due: money(facts.account.itemsDue),
    location_name: facts.location.name,
    location_address: facts.location.address ?? '',
    location_phone: facts.location.phone ?? '',
    location_email: facts.location.email ?? '',
    today: date(facts.today),
  };
  for (let index = 1; index <= 10; index += 1) {
    text[`contact_custom${index}`] = facts.contact.customFields[`custom${index}`] ?? '';
  }
  if (facts.document) {
    text.document_number = facts.document.number;
    text.document_date = date(facts.document.date);
    text.document_total = money(facts.document.total);
    text.document_paid = money(facts.document.paid);
    text.document_due = money(facts.document.due);
    text.document_due_date = date(facts.document.dueDate);
  }
  if (facts.payment) {
    text.payment_reference = facts.payment.reference;
    text.payment_amount = money(facts.payment.amount);
    text.payment_date = date(facts.payment.date);
    text.payment_method = facts.payment.method;
  }
  const listItems = lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('');
  return { text, html: { open_items: listItems ? `<ul>${listItems}</ul>` : '' } };
}
