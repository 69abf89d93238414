/**
 * Checks that each record a request writes in one transaction is whole: a
 * payment with its single open item and its ledger entry, an idempotency key
 * with its stored response, and a message sent at most once.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Difference } from './verify.ts';

const sumAs = (expression: ReturnType<typeof sql>) => sql<number | string>`cast(coalesce(sum(${expression}), 0) as bigint)`;

export async function recordDifferences(db: Executor): Promise<Difference[]> {
  return [...(await paymentDifferences(db)), ...(await itemSourceDifferences(db)), ...(await idempotencyDifferences(db)), ...(await messageDifferences(db))];
}

/**
 * Checks that a payment of a contact has one open item and original entries
 * worth its amount, and that a walk-in payment (no contact) has neither.
 */
async function paymentDifferences(db: Executor): Promise<Difference[]> {
  const payments = await db.selectFrom('payments').select(['id', 'business_id', 'contact_id', 'amount']).execute();
  const itemCounts = await db
    .selectFrom('open_items')
    .where('source_type', '=', 'payment')
    .groupBy('source_id')
    .select(['source_id', sql<number | string>`count(*)`.as('count')])
    .execute();
  const entrySums = await db
    .selectFrom('ledger_entries')
    .where('source_type', '=', 'payment')
    .where('reverses_entry_id', 'is', null)
    .groupBy('source_id')
    .select(['source_id', sumAs(sql`debit + credit`).as('amount')])
    .execute();
  const items = new Map(itemCounts.map((row) => [row.source_id, Number(row.count)]));
  const entries = new Map(entrySums.map((row) => [row.source_id, Number(row.amount)]));

  const differences: Difference[] = [];
  for (const payment of payments) {
    const note = (field: string, stored: number, computed: number) => {
      if (stored !== computed) differences.push({ businessId: payment.business_id, subject: 'payment', id: payment.id, field, stored, computed });
    };
    const withContact = payment.contact_id !== null;
    note('open_items', items.get(payment.id) ?? 0, withContact ? 1 : 0);
    note('entries_amount', entries.get(payment.id) ?? 0, withContact ? Number(payment.amount) : 0);
  }
  return differences;
}

/** Lists each document or payment with more than one open item. */
async function itemSourceDifferences(db: Executor): Promise<Difference[]> {
  const rows = await db
    .selectFrom('open_items')
    .where('source_type', 'in', ['document', 'payment'])
    .groupBy(['business_id', 'source_type', 'source_id'])
    .having(sql`count(*)`, '>', 1)
    .select(['business_id', 'source_type', 'source_id', sql<number | string>`count(*)`.as('count')])
    .execute();
  return rows.map((row) => ({
    businessId: row.business_id,
    subject: row.source_type,
    id: row.source_id,
    field: 'open_items',
    stored: Number(row.count),
    computed: 1,
  }));
}

/** Lists keys without a stored response: a key is claimed in the transaction that stores it, so a committed key has one. */
async function idempotencyDifferences(db: Executor): Promise<Difference[]> {
  const rows = await db.selectFrom('idempotency_keys').where('status_code', 'is', null).select(['business_id', 'key']).execute();
  return rows.map((row) => ({
    businessId: row.business_id,
    subject: 'idempotency_key',
    id: row.key,
    field: 'response',
    stored: 'none',
    computed: 'stored',
  }));
}

/** Lists messages with more than one successful attempt, or sent without exactly one. */
async function messageDifferences(db: Executor): Promise<Difference[]> {
  const rows = await db
    .selectFrom('messages')
    .leftJoin('message_attempts', (join) =>
      join.onRef('message_attempts.message_id', '=', 'messages.id').on('message_attempts.outcome', '=', 'sent'),
    )
    .groupBy(['messages.id', 'messages.business_id', 'messages.status'])
    .select(['messages.id', 'messages.business_id', 'messages.status', sql<number | string>`count(message_attempts.id)`.as('sent')])
    .execute();
  const differences: Difference[] = [];
  for (const row of rows) {
    const sent = Number(row.sent);
    const expected = row.status === 'sent' ? 1 : 0;
    if (sent > 1 || (row.status === 'sent' && sent !== 1)) {
      differences.push({ businessId: row.business_id, subject: 'message', id: row.id, field: 'sent_attempts', stored: sent, computed: expected });
    }
  }
  return differences;
}
