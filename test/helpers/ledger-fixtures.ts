/**
 * Contacts for the ledger tests, inserted straight into the table with zero
 * figures, and a reader of the cached figures.
 */
import type { Executor } from '../../src/db/database.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';

export interface TestContactOptions {
  name: string;
  type?: 'customer' | 'supplier' | 'both';
  creditLimit?: number | null;
  payTerm?: { number: number; unit: 'days' | 'months'; endOfMonth?: boolean } | null;
}

export async function insertContact(db: Executor, businessId: string, options: TestContactOptions): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('contacts')
    .values({
      id,
      business_id: businessId,
      code: `T${id.slice(-10)}`,
      type: options.type ?? 'customer',
      kind: 'individual',
      prefix: null,
      first_name: options.name,
      middle_name: null,
      last_name: null,
      business_name: null,
      name: options.name,
      mobile: '+33612345678',
      mobile_e164: '+33612345678',
      alternate_number: null,
      alternate_number_e164: null,
      landline: null,
      landline_e164: null,
      email: null,
      email_key: null,
      tax_number: null,
      tax_number_key: null,
      address_line1: '12 rue des Lilas',
      address_line2: null,
      city: 'Lyon',
      state: null,
      country: 'FR',
      zip_code: '69003',
      shipping_address: null,
      date_of_birth: null,
      customer_group_id: null,
      credit_limit: options.creditLimit ?? null,
      pay_term_number: options.payTerm?.number ?? null,
      pay_term_unit: options.payTerm?.unit ?? null,
      pay_term_end_of_month: options.payTerm?.endOfMonth ? 1 : 0,
      opening_balance: 0,
      opening_balance_date: null,
      loyalty_card_number: null,
      status: 'active',
      bank_iban: null,
      bank_bic: null,
      bank_holder: null,
      custom_fields: '{}',
      balance: 0,
      receivable: 0,
      payable: 0,
      advance: 0,
      created_by: null,
      anonymised_at: null,
      created_at: now,
      updated_at: now,
      // Columns that other features add later stay null; the cast keeps the
      // helper compiling while they appear.
    } as never)
    .execute();
  return id;
}

export async function cachedFigures(db: Executor, contactId: string) {
  const row = await db
    .selectFrom('contacts')
    .where('id', '=', contactId)
    .select(['balance', 'receivable', 'payable', 'advance'])
    .executeTakeFirstOrThrow();
  return { balance: Number(row.balance), receivable: Number(row.receivable), payable: Number(row.payable), advance: Number(row.advance) };
}
