import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../shared/ids.ts';
import { formatDecimal } from '../../shared/money.ts';

/**
 * Clears the loyalty card, credit limit and customer group of suppliers.
 * Versions before these fields were rejected on suppliers stored them from
 * imports, API calls and demo runs. A supplier's pages neither show nor edit
 * them, yet its card stayed taken. Each supplier changed gets an `updated`
 * audit entry without a user, with the fields as the contact history shows
 * them, so the shop can read what was removed. Loyalty points and the
 * ledger stay as they are.
 */
export function supplierCustomerFields() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      const suppliers: SupplierRow[] = await db
        .selectFrom('contacts')
        .innerJoin('businesses', 'businesses.id', 'contacts.business_id')
        .where('contacts.type', '=', 'supplier')
        .where((eb) => eb.or([
          eb('contacts.loyalty_card_number', 'is not', null),
          eb('contacts.credit_limit', 'is not', null),
          eb('contacts.customer_group_id', 'is not', null),
        ]))
        .select([
          'contacts.id', 'contacts.business_id', 'contacts.loyalty_card_number', 'contacts.credit_limit',
          'contacts.customer_group_id', 'businesses.currency',
        ])
        .orderBy('contacts.id')
        .execute();
      for (let start = 0; start < suppliers.length; start += SUPPLIERS_PER_STATEMENT) {
        await clearSuppliers(db, suppliers.slice(start, start + SUPPLIERS_PER_STATEMENT));
      }
    },
  };
}

interface SupplierRow {
  id: string;
  business_id: string;
  loyalty_card_number: string | null;
  credit_limit: number | string | null;
  customer_group_id: string | null;
  currency: string;
}

/**
 * Suppliers cleared by one UPDATE and one multi-row INSERT. The benchmark
 * business of 1,000,000 contacts made before this migration has 74,103 of
 * them, so two statements for each would be slow.
 */
const SUPPLIERS_PER_STATEMENT = 256;

async function clearSuppliers(db: Kysely<any>, suppliers: SupplierRow[]): Promise<void> {
  const now = nowIso();
  await db
    .updateTable('contacts')
    .set({ loyalty_card_number: null, credit_limit: null, customer_group_id: null, updated_at: now })
    .where('id', 'in', suppliers.map((supplier) => supplier.id))
    .execute();
  await db
    .insertInto('audit_log')
    .values(suppliers.map((supplier) => ({
      id: newId(),
      business_id: supplier.business_id,
      user_id: null,
      entity_type: 'contact',
      entity_id: supplier.id,
      action: 'updated',
      changes: JSON.stringify(clearedFields(supplier)),
      created_at: now,
    })))
    .execute();
}

/** The field changes of the audit entry, under the API's field names and with the credit limit as a decimal, as updates write them. */
function clearedFields(supplier: SupplierRow): { field: string; from: string; to: null }[] {
  const changes: { field: string; from: string; to: null }[] = [];
  if (supplier.loyalty_card_number !== null) changes.push({ field: 'loyaltyCardNumber', from: supplier.loyalty_card_number, to: null });
  if (supplier.credit_limit !== null) {
    changes.push({ field: 'creditLimit', from: formatDecimal(Number(supplier.credit_limit), supplier.currency), to: null });
  }
  if (supplier.customer_group_id !== null) changes.push({ field: 'customerGroupId', from: supplier.customer_group_id, to: null });
  return changes;
}
