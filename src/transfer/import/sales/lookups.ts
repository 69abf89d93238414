/**
 * Finds what the cells of a sales file name: the customer (by contact code,
 * loyalty card number, e-mail address or mobile number), the product (by
 * SKU), the location (by name) and the payment method (by code or label). Each result is cached for the run, since
 * a file names the same customers and products on many rows. Also finds the
 * sale that already uses a reference.
 */
import type { Expression, SqlBool } from 'kysely';
import { readPhone } from '../../../contacts/phones.ts';
import type { Executor } from '../../../db/database.ts';
import { listPaymentMethods } from '../../../payments/methods.ts';
import { normaliseHeader } from '../../mapping/aliases.ts';

export interface ProductMatch {
  id: string;
  name: string;
  sellingPrice: number;
  taxBp: number;
}

export type CustomerMatch =
  | { kind: 'one'; id: string }
  | { kind: 'none' }
  | { kind: 'several'; codes: string[] };

export interface SaleLookups {
  customer(text: string): Promise<CustomerMatch>;
  product(sku: string): Promise<ProductMatch | null>;
  /** The id of the active location with that name, or null. */
  location(name: string): string | null;
  /** The code of the usable payment method a cell names, or null. */
  paymentMethod(text: string): string | null;
  /** The reference of a sale that is not void and already has `reference` as its own or its file's reference. */
  usedReference(reference: string): Promise<string | null>;
}

export async function saleLookups(db: Executor, businessId: string, country: string): Promise<SaleLookups> {
  const customers = new Map<string, CustomerMatch>();
  const products = new Map<string, ProductMatch | null>();
  const locations = await locationsByName(db, businessId);
  const methods = await methodsByName(db, businessId);

  return {
    async customer(text) {
      const cached = customers.get(text);
      if (cached) return cached;
      const match = await findCustomer(db, businessId, country, text);
      customers.set(text, match);
      return match;
    },
    async product(sku) {
      if (products.has(sku)) return products.get(sku) ?? null;
      const row = await db
        .selectFrom('products')
        .where('business_id', '=', businessId)
        .where('sku', '=', sku)
        .select(['id', 'name', 'selling_price', 'tax_bp'])
        .executeTakeFirst();
      const match = row ? { id: row.id, name: row.name, sellingPrice: Number(row.selling_price), taxBp: row.tax_bp } : null;
      products.set(sku, match);
      return match;
    },
    location(name) {
      return locations.get(normaliseHeader(name)) ?? null;
    },
    paymentMethod(text) {
      return methods.get(normaliseHeader(text)) ?? null;
    },
    async usedReference(reference) {
      const row = await db
        .selectFrom('documents')
        .where('business_id', '=', businessId)
        .where('type', '=', 'sale')
        .where('status', '!=', 'void')
        .where((eb) => eb.or([eb('source_reference', '=', reference), eb('number', '=', reference)]))
        .select('number')
        .executeTakeFirst();
      return row?.number ?? null;
    },
  };
}

async function locationsByName(db: Executor, businessId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('locations')
    .where('business_id', '=', businessId)
    .where('is_active', '=', 1)
    .select(['id', 'name'])
    .orderBy('name')
    .execute();
  return new Map(rows.map((row) => [normaliseHeader(row.name), row.id]));
}

/** Words shops and till software write for the built-in methods, beside their French and English labels. */
const methodWords: Record<string, string[]> = {
  cash: ['especes', 'espece', 'liquide', 'liquides', 'cash'],
  card: ['cb', 'carte', 'carte bleue', 'carte de credit', 'carte credit', 'card', 'credit card', 'debit card', 'bank card', 'tpe'],
  cheque: ['cheque', 'cheques', 'chq', 'check'],
  bank_transfer: ['virement', 'virement bancaire', 'vir', 'transfer', 'bank transfer', 'wire', 'wire transfer'],
  other: ['autre', 'other'],
};

/** Maps each active method's code, labels in both languages and common words to its code. */
async function methodsByName(db: Executor, businessId: string): Promise<Map<string, string>> {
  const byName = new Map<string, string>();
  const add = (name: string, code: string) => {
    const key = normaliseHeader(name);
    if (key && !byName.has(key)) byName.set(key, code);
  };
  for (const locale of ['fr', 'en'] as const) {
    for (const method of await listPaymentMethods(db, businessId, locale)) {
      if (!method.active) continue;
      add(method.code, method.code);
      add(method.label, method.code);
    }
  }
  for (const [code, words] of Object.entries(methodWords)) for (const word of words) add(word, code);
  return byName;
}

/**
 * Looks the text up as a code, a card number, an e-mail address and a
 * mobile number at once. A text that names two different contacts (one's
 * code is another's card number) is ambiguous rather than read one way.
 */
async function findCustomer(db: Executor, businessId: string, country: string, text: string): Promise<CustomerMatch> {
  const value = text.trim();
  const phone = readPhone(value, country);
  const rows = await db
    .selectFrom('contacts')
    .where('business_id', '=', businessId)
    .where((eb) => {
      const terms: Expression<SqlBool>[] = [eb('code', '=', value), eb('loyalty_card_number', '=', value)];
      if (value.includes('@')) terms.push(eb('email_key', '=', value.toLowerCase()));
      if (phone.e164) terms.push(eb('mobile_e164', '=', phone.e164));
      return eb.or(terms);
    })
    .select(['id', 'code'])
    .orderBy('code')
    .limit(5)
    .execute();
  const ids = new Set(rows.map((row) => row.id));
  if (ids.size === 0) return { kind: 'none' };
  if (ids.size === 1) return { kind: 'one', id: rows[0]?.id ?? '' };
  return { kind: 'several', codes: [...new Set(rows.map((row) => row.code))] };
}
