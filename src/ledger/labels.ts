/** Wording of ledger lines and figures for statements and exports, in French and English. */
import type { Locale } from '../shared/messages.ts';
import { formatMoney } from '../shared/money.ts';
import type { EntryType } from './kinds.ts';

const entryLabels: Record<EntryType, Record<Locale, string>> = {
  opening_balance: { fr: 'Solde d’ouverture', en: 'Opening balance' },
  sale: { fr: 'Vente', en: 'Sale' },
  purchase: { fr: 'Achat', en: 'Purchase' },
  sale_return: { fr: 'Retour client (avoir)', en: 'Sale return' },
  purchase_return: { fr: 'Retour fournisseur', en: 'Purchase return' },
  payment_received: { fr: 'Règlement reçu', en: 'Payment received' },
  payment_made: { fr: 'Règlement versé', en: 'Payment made' },
  refund_paid: { fr: 'Remboursement versé', en: 'Refund paid' },
  refund_received: { fr: 'Remboursement reçu', en: 'Refund received' },
  discount: { fr: 'Remise', en: 'Discount' },
  reversal: { fr: 'Contrepassation', en: 'Reversal' },
};

export function entryLabel(type: string, locale: Locale): string {
  return entryLabels[type as EntryType]?.[locale] ?? type;
}

export function localeTag(locale: Locale): string {
  return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

const englishShortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * Writes `01/08/2024` in French and `1 Aug 2024` in English, where a reader
 * from either side of the Atlantic could take `01/08` for 8 January.
 */
export function shortDate(date: string, locale: Locale): string {
  if (locale === 'en') return englishShortDate.format(new Date(`${date}T00:00:00Z`));
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** `1 août 2024`, `1 August 2024`. */
export function longDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(localeTag(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/**
 * Formats a balance for people: `+1 234,56 €` when the contact owes the shop,
 * `-500,00 €` when the shop owes the contact. Intl writes the French group
 * separator as a narrow no-break space (U+202F) and a no-break space (U+00A0)
 * before the euro sign, which keeps an amount on one line.
 */
export function signedMoney(minor: number, currency: string, locale: Locale): string {
  const text = formatMoney(minor, currency, locale);
  return minor > 0 ? `+${text}` : text;
}
