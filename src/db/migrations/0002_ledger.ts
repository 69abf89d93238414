import type { Kysely } from 'kysely';
import type { Engine } from '../database.ts';

/**
 * The ledger and what feeds it: documents with their lines, payments, open
 * items with the allocations between them, per-period totals of the entries,
 * idempotency keys and the business's own payment methods.
 */
export function ledger(_engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await createLedgerTables(db);
      await createDocumentTables(db);
      await createPaymentTables(db);
      await createSettlementTables(db);
    },
  };
}

async function createLedgerTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('debit', 'bigint', (c) => c.notNull())
    .addColumn('credit', 'bigint', (c) => c.notNull())
    .addColumn('memo', 'text')
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('reverses_entry_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_entries_seq')
    .unique()
    .on('ledger_entries')
    .columns(['business_id', 'contact_id', 'seq'])
    .execute();
  // Debit and credit trail the key so that same-day sums read the index alone.
  await db.schema
    .createIndex('ledger_entries_order')
    .on('ledger_entries')
    .columns(['business_id', 'contact_id', 'date', 'seq', 'debit', 'credit'])
    .execute();
  await db.schema
    .createIndex('ledger_entries_location')
    .on('ledger_entries')
    .columns(['business_id', 'contact_id', 'location_id', 'date', 'seq'])
    .execute();
  await db.schema
    .createIndex('ledger_entries_source')
    .on('ledger_entries')
    .columns(['business_id', 'source_type', 'source_id'])
    .execute();

  // Sums of the entries per contact, location and day ('YYYY-MM-DD') or
  // month ('YYYY-MM'), kept in the posting transaction: a balance at any
  // point is a few dozen rows to add instead of every earlier entry.
  await db.schema
    .createTable('ledger_totals')
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('granularity', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('debit', 'bigint', (c) => c.notNull())
    .addColumn('credit', 'bigint', (c) => c.notNull())
    .addColumn('entries', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_totals_pk', [
      'business_id',
      'contact_id',
      'granularity',
      'period',
      'location_id',
    ])
    .execute();
}

async function createDocumentTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('pay_term_number', 'integer')
    .addColumn('pay_term_unit', 'text')
    .addColumn('pay_term_end_of_month', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('subtotal', 'bigint', (c) => c.notNull())
    .addColumn('discount_total', 'bigint', (c) => c.notNull())
    .addColumn('tax_total', 'bigint', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finalised_at', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'text')
    .addColumn('void_reason', 'text')
    .execute();
  await db.schema
    .createIndex('documents_number')
    .unique()
    .on('documents')
    .columns(['business_id', 'type', 'number'])
    .execute();
  await db.schema
    .createIndex('documents_contact')
    .on('documents')
    .columns(['business_id', 'contact_id', 'date', 'id'])
    .execute();
  await db.schema
    .createIndex('documents_type_date')
    .on('documents')
    .columns(['business_id', 'type', 'date', 'id'])
    .execute();
  await db.schema
    .createIndex('documents_parent')
    .on('documents')
    .columns(['business_id', 'parent_id'])
    .execute();

  await db.schema
    .createTable('document_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
    .addColumn('unit_price', 'bigint', (c) => c.notNull())
    .addColumn('discount_bp', 'integer', (c) => c.notNull())
    .addColumn('tax_bp', 'integer', (c) => c.notNull())
    .addColumn('gross', 'bigint', (c) => c.notNull())
    .addColumn('discount', 'bigint', (c) => c.notNull())
    .addColumn('tax', 'bigint', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('returned_line_id', 'text')
    .execute();
  await db.schema
    .createIndex('document_lines_document')
    .on('document_lines')
    .columns(['business_id', 'document_id', 'position'])
    .execute();
  await db.schema
    .createIndex('document_lines_returned')
    .on('document_lines')
    .columns(['business_id', 'returned_line_id'])
    .execute();
}

async function createPaymentTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('external_reference', 'text')
    .addColumn('note', 'text')
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reversed_at', 'text')
    .addColumn('reversed_by', 'text')
    .addColumn('reversal_reason', 'text')
    .execute();
  await db.schema
    .createIndex('payments_number')
    .unique()
    .on('payments')
    .columns(['business_id', 'number'])
    .execute();
  await db.schema
    .createIndex('payments_contact')
    .on('payments')
    .columns(['business_id', 'contact_id', 'date', 'id'])
    .execute();
  await db.schema
    .createIndex('payments_document')
    .on('payments')
    .columns(['business_id', 'document_id'])
    .execute();

  await db.schema
    .createTable('payment_methods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('payment_methods_code')
    .unique()
    .on('payment_methods')
    .columns(['business_id', 'code'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['business_id', 'key'])
    .execute();
}

async function createSettlementTables(db: Kysely<any>): Promise<void> {
  // What a contact owes (debit side) or is owed (credit side), item by item:
  // documents, the opening balance, payments, refunds and discounts. The open
  // amount is the amount less the live allocations that touch the item.
  await db.schema
    .createTable('open_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('open_amount', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('open_items_source')
    .unique()
    .on('open_items')
    .columns(['business_id', 'source_type', 'source_id'])
    .execute();
  await db.schema
    .createIndex('open_items_contact')
    .on('open_items')
    .columns(['business_id', 'contact_id', 'status', 'due_date', 'id'])
    .execute();
  await db.schema
    .createIndex('open_items_due')
    .on('open_items')
    .columns(['business_id', 'status', 'due_date'])
    .execute();

  await db.schema
    .createTable('allocations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('debit_item_id', 'text', (c) => c.notNull().references('open_items.id'))
    .addColumn('credit_item_id', 'text', (c) => c.notNull().references('open_items.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .execute();
  await db.schema
    .createIndex('allocations_debit')
    .on('allocations')
    .columns(['business_id', 'debit_item_id'])
    .execute();
  await db.schema
    .createIndex('allocations_credit')
    .on('allocations')
    .columns(['business_id', 'credit_item_id'])
    .execute();
  await db.schema
    .createIndex('allocations_contact')
    .on('allocations')
    .columns(['business_id', 'contact_id'])
    .execute();
}
