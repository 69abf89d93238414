/**
 * The sentence that names each entry of a contact's history, and the lines
 * under it, built from the entry's action and detail object. For a user
 * without `ledger.view` the server sends every amount as null, and the
 * sentence then leaves the amount out.
 */
import type { TFunction } from 'i18next';
import type { ActivityItem } from '../api/types.ts';
import type { Formatters } from '../i18n/format.ts';
import { intlLocale } from '../i18n/locale.ts';
import { fromMinor, toMinor } from '../ledger/minor.ts';

export interface ActivityLines {
  title: string;
  /** Lines shown under the title, such as the reason the user gave. */
  details: string[];
}

export interface ActivityLineContext {
  t: TFunction;
  exists: (key: string) => boolean;
  format: Formatters;
  /** ISO 4217 code of the business currency, the currency of every amount in an entry. */
  currency: string;
}

type Detail = Record<string, unknown>;

/** Describes one entry of a contact's history in the UI language. */
export function describeActivity(item: ActivityItem, context: ActivityLineContext): ActivityLines {
  const { t } = context;
  const who = item.userName ?? t('activity.system');
  const detail: Detail = item.changes && !Array.isArray(item.changes) ? item.changes : {};
  const reason = textOf(detail.reason);
  return {
    title: titleOf(item.action, detail, who, context),
    details: reason ? [t('activity.reason', { reason })] : [],
  };
}

function titleOf(action: string, detail: Detail, who: string, context: ActivityLineContext): string {
  const { t } = context;
  switch (action) {
    case 'attachment_added':
    case 'attachment_deleted':
      return t(`activity.actions.${action}`, { who, fileName: textOf(detail.fileName) });
    case 'merge':
      return t('activity.actions.merge', { who, names: mergedNames(detail) });
    case 'discount':
      return discountTitle(detail, who, context);
    case 'reverse_discount':
      return reversalTitle(detail, who, context);
    case 'apply_advance':
      return advanceTitle(detail, who, context);
    case 'loyalty_adjust':
      return loyaltyTitle(detail, who, context);
    case 'reminder_hold': {
      const until = textOf(detail.until);
      if (!until) return t('activity.actions.reminder_hold_open', { who });
      return t('activity.actions.reminder_hold', { who, date: context.format.date(until) });
    }
    case 'message_send':
      return messageTitle(detail, who, context);
  }
  const key = `activity.actions.${action}`;
  // An action without a sentence of its own is named by its code, rather than called a change of the contact.
  return context.exists(key) ? t(key, { who }) : t('activity.actions.other', { who, action });
}

function discountTitle(detail: Detail, who: string, context: ActivityLineContext): string {
  const { t } = context;
  const reference = textOf(detail.reference);
  const amount = moneyOf([detail.amount], context);
  if (detail.side === 'purchase') {
    if (amount === null) return t('activity.actions.discount_purchase_hidden', { who, reference });
    return t('activity.actions.discount_purchase', { who, reference, amount });
  }
  if (amount === null) return t('activity.actions.discount_hidden', { who, reference });
  return t('activity.actions.discount', { who, reference, amount });
}

function reversalTitle(detail: Detail, who: string, context: ActivityLineContext): string {
  const { t } = context;
  const reference = textOf(detail.reference);
  const amount = moneyOf([detail.amount], context);
  if (amount === null) return t('activity.actions.reverse_discount_hidden', { who, reference });
  return t('activity.actions.reverse_discount', { who, reference, amount });
}

/** Names the documents an advance settled, with the sum applied when the user may see it. */
function advanceTitle(detail: Detail, who: string, context: ActivityLineContext): string {
  const { t } = context;
  const allocations = Array.isArray(detail.allocations) ? (detail.allocations as Detail[]) : [];
  const references = [...new Set(allocations.map((allocation) => textOf(allocation.reference)).filter(Boolean))];
  const listed = listOf(references, context);
  const amount = moneyOf(allocations.map((allocation) => allocation.amount), context);
  if (amount === null) return t('activity.actions.apply_advance_hidden', { who, references: listed });
  return t('activity.actions.apply_advance', { who, references: listed, amount });
}

function loyaltyTitle(detail: Detail, who: string, context: ActivityLineContext): string {
  const { t, format } = context;
  const points = Number(detail.points);
  const count = Math.abs(points);
  const numbers = new Intl.NumberFormat(intlLocale(format.locale));
  const values = { who, count, points: numbers.format(count), balance: numbers.format(Number(detail.balanceAfter)) };
  return points < 0 ? t('activity.actions.loyalty_removed', values) : t('activity.actions.loyalty_added', values);
}

function messageTitle(detail: Detail, who: string, context: ActivityLineContext): string {
  const { t } = context;
  const channels = Array.isArray(detail.channels) ? detail.channels.map(String) : [];
  if (channels.length === 0) return t('activity.actions.message_send_none', { who });
  const names = [...new Set(channels)].map((channel) => {
    const key = `activity.channels.${channel}`;
    return context.exists(key) ? t(key) : channel;
  });
  const values = { who, channels: listOf(names, context), name: textOf(detail.templateName) };
  // Entries written before the template name was recorded, and messages typed by hand, have no name.
  return values.name ? t('activity.actions.message_send', values) : t('activity.actions.message_send_unnamed', values);
}

/**
 * Formats the sum of an entry's amounts in the business currency, or
 * returns null when one is missing (hidden without `ledger.view`). A JSON
 * number is in minor units (as discounts and their reversals store them),
 * and a string is a decimal (advances applied store "30.00").
 */
function moneyOf(values: unknown[], context: ActivityLineContext): string | null {
  if (values.length === 0) return null;
  let total = 0n;
  for (const value of values) {
    let minor: bigint | null = null;
    if (typeof value === 'number' && Number.isSafeInteger(value)) minor = BigInt(value);
    else if (typeof value === 'string') minor = toMinor(value, context.currency);
    if (minor === null) return null;
    total += minor;
  }
  return context.format.money(fromMinor(total, context.currency));
}

/** Joins names as the UI language lists them: « A, B et C », "A, B and C". */
function listOf(names: string[], context: ActivityLineContext): string {
  return new Intl.ListFormat(intlLocale(context.format.locale), { type: 'conjunction' }).format(names);
}

/** Lists the contacts of a merge entry as « name (code) », from its `mergedNames` and `mergedCodes`. */
function mergedNames(detail: Detail): string {
  const names = Array.isArray(detail.mergedNames) ? detail.mergedNames : [];
  const codes = Array.isArray(detail.mergedCodes) ? detail.mergedCodes : [];
  return names.map((name, index) => (codes[index] ? `${String(name)} (${String(codes[index])})` : String(name))).join(', ');
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
