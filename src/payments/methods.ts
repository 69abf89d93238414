/**
 * Payment methods: five built in, plus labels each business adds (stored with
 * codes `custom_1`, `custom_2`…). A deactivated label stays readable on old
 * payments but is no longer accepted on new ones.
 */
import type { Executor } from '../db/database.ts';
import type { Locale } from '../shared/messages.ts';

export const builtInMethods = ['cash', 'card', 'cheque', 'bank_transfer', 'other'] as const;

const builtInLabels: Record<(typeof builtInMethods)[number], Record<Locale, string>> = {
  cash: { fr: 'Espèces', en: 'Cash' },
  card: { fr: 'Carte bancaire', en: 'Card' },
  cheque: { fr: 'Chèque', en: 'Cheque' },
  bank_transfer: { fr: 'Virement', en: 'Bank transfer' },
  other: { fr: 'Autre', en: 'Other' },
};

export interface PaymentMethodView {
  code: string;
  label: string;
  builtIn: boolean;
  active: boolean;
}

export async function listPaymentMethods(db: Executor, businessId: string, locale: Locale): Promise<PaymentMethodView[]> {
  const custom = await db
    .selectFrom('payment_methods')
    .where('business_id', '=', businessId)
    .orderBy('created_at')
    .orderBy('id')
    .selectAll()
    .execute();
  return [
    ...builtInMethods.map((code) => ({ code, label: builtInLabels[code][locale], builtIn: true, active: true })),
    ...custom.map((row) => ({ code: row.code, label: row.label, builtIn: false, active: row.is_active === 1 })),
  ];
}

/** Tells whether a new payment may use the method `code`. */
export async function isUsableMethod(db: Executor, businessId: string, code: string): Promise<boolean> {
  if ((builtInMethods as readonly string[]).includes(code)) return true;
  const row = await db
    .selectFrom('payment_methods')
    .where('business_id', '=', businessId)
    .where('code', '=', code)
    .where('is_active', '=', 1)
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The label of a method for statements and exports; unknown codes print as they are. */
export async function methodLabels(db: Executor, businessId: string, locale: Locale): Promise<Map<string, string>> {
  const all = await listPaymentMethods(db, businessId, locale);
  return new Map(all.map((m) => [m.code, m.label]));
}
