/**
 * Recomputes every cached figure from the ledger and the allocations and
 * lists each difference. It checks contact balances against the entries and
 * receivable, payable, advance and the earliest open due date against the
 * open items. It also checks each open amount against its live
 * allocations, the day and month totals against the entries, each open item's amount against its source, and each
 * allocation's pair of items, and that each payment, idempotency key and
 * message was written whole (verify-records.ts).
 */
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { type Figure, figureOf, type ItemKind, type Side, settleableKinds } from './kinds.ts';
import { recordDifferences } from './verify-records.ts';

export interface Difference {
  businessId: string;
  /** `contact`, `open_item`, `allocation`, `ledger_totals`, `payment`, `document`, `idempotency_key` or `message`. */
  subject: string;
  id: string;
  field: string;
  /** Minor units (or a status text) as stored. */
  stored: number | string;
  /** The value the entries and allocations give. */
  computed: number | string;
}

export interface VerifyReport {
  contacts: number;
  entries: number;
  openItems: number;
  differences: Difference[];
}

const sumAs = (expression: ReturnType<typeof sql>) => sql<number | string>`cast(coalesce(sum(${expression}), 0) as bigint)`;

export async function verifyLedger(db: Executor): Promise<VerifyReport> {
  const differences: Difference[] = [];
  const contacts = await db
    .selectFrom('contacts')
    .select(['id', 'business_id', 'balance', 'receivable', 'payable', 'advance', 'earliest_open_due_on'])
    .execute();
  const entrySums = await db
    .selectFrom('ledger_entries')
    .groupBy('contact_id')
    .select(['contact_id', sumAs(sql`debit - credit`).as('balance'), sql<number | string>`count(*)`.as('count')])
    .execute();
  const balances = new Map(entrySums.map((row) => [row.contact_id, Number(row.balance)]));
  const entryCount = entrySums.reduce((sum, row) => sum + Number(row.count), 0);

  const items = await db.selectFrom('open_items').selectAll().execute();
  const allocated = await liveAllocationSums(db);
  const figures = new Map<string, Record<Figure, number>>();
  const earliestDue = new Map<string, string>();

  for (const item of items) {
    const live = allocated.get(item.id) ?? 0;
    const expectedOpen = item.status === 'void' ? 0 : Number(item.amount) - live;
    const open = Number(item.open_amount);
    const note = (field: string, stored: number | string, computed: number | string) =>
      differences.push({ businessId: item.business_id, subject: 'open_item', id: item.id, field, stored, computed });
    if (open !== expectedOpen) note('open_amount', open, expectedOpen);
    if (item.status === 'void' && live !== 0) note('live_allocations', live, 0);
    if (expectedOpen < 0) note('allocated', live, Number(item.amount));
    let expectedStatus = expectedOpen > 0 ? 'open' : 'settled';
    if (item.status === 'void') expectedStatus = 'void';
    if (item.status !== expectedStatus) note('status', item.status, expectedStatus);
    if (item.status === 'open' && settleableKinds.includes(item.kind as ItemKind)) {
      const earliest = earliestDue.get(item.contact_id);
      if (earliest === undefined || item.due_date < earliest) earliestDue.set(item.contact_id, item.due_date);
    }
    if (item.status !== 'void') {
      const sums = figures.get(item.contact_id) ?? { receivable: 0, payable: 0, advance: 0 };
      sums[figureOf(item.side as Side, item.kind as ItemKind)] += expectedOpen;
      figures.set(item.contact_id, sums);
    }
  }

  for (const contact of contacts) {
    const note = (field: string, stored: number, computed: number) => {
      if (stored !== computed) {
        differences.push({ businessId: contact.business_id, subject: 'contact', id: contact.id, field, stored, computed });
      }
    };
    const sums = figures.get(contact.id) ?? { receivable: 0, payable: 0, advance: 0 };
    const balance = balances.get(contact.id) ?? 0;
    note('balance', Number(contact.balance), balance);
    note('receivable', Number(contact.receivable), sums.receivable);
    note('payable', Number(contact.payable), sums.payable);
    note('advance', Number(contact.advance), sums.advance);
    note('balance_from_open_items', sums.receivable - sums.payable - sums.advance, balance);
    const earliest = earliestDue.get(contact.id) ?? null;
    if (contact.earliest_open_due_on !== earliest) {
      differences.push({
        businessId: contact.business_id, subject: 'contact', id: contact.id, field: 'earliest_open_due_on',
        stored: contact.earliest_open_due_on ?? '', computed: earliest ?? '',
      });
    }
  }

  differences.push(...(await totalsDifferences(db)));
  differences.push(...(await sourceDifferences(db)));
  differences.push(...(await allocationDifferences(db)));
  differences.push(...(await recordDifferences(db)));
  return { contacts: contacts.length, entries: entryCount, openItems: items.length, differences };
}

/** Live allocation amounts per open item, on either side. */
async function liveAllocationSums(db: Executor): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  for (const column of ['debit_item_id', 'credit_item_id'] as const) {
    const rows = await db
      .selectFrom('allocations')
      .where('undone_at', 'is', null)
      .groupBy(column)
      .select([sql.ref(column).as('item_id'), sumAs(sql`amount`).as('amount')])
      .execute();
    for (const row of rows) {
      const id = row.item_id as unknown as string;
      sums.set(id, (sums.get(id) ?? 0) + Number(row.amount));
    }
  }
  return sums;
}

/** Allocations that are not positive or that pair items of different contacts or sides. */
async function allocationDifferences(db: Executor): Promise<Difference[]> {
  const rows = await db
    .selectFrom('allocations')
    .innerJoin('open_items as debit', 'debit.id', 'allocations.debit_item_id')
    .innerJoin('open_items as credit', 'credit.id', 'allocations.credit_item_id')
    .select([
      'allocations.id',
      'allocations.business_id',
      'allocations.amount',
      'allocations.contact_id',
      'debit.contact_id as debit_contact',
      'credit.contact_id as credit_contact',
      'debit.side as debit_side',
      'credit.side as credit_side',
    ])
    .where((eb) =>
      eb.or([
        eb('allocations.amount', '<=', 0),
        eb('debit.contact_id', '!=', eb.ref('credit.contact_id')),
        eb('debit.side', '!=', 'debit'),
        eb('credit.side', '!=', 'credit'),
      ]),
    )
    .execute();
  return rows.map((row) => ({
    businessId: row.business_id,
    subject: 'allocation',
    id: row.id,
    field: Number(row.amount) <= 0 ? 'amount' : 'items',
    stored: Number(row.amount) <= 0 ? Number(row.amount) : `${row.debit_contact}/${row.debit_side}`,
    computed: Number(row.amount) <= 0 ? '> 0' : `${row.credit_contact}/${row.credit_side}`,
  }));
}

async function totalsDifferences(db: Executor): Promise<Difference[]> {
  const differences: Difference[] = [];
  for (const granularity of ['day', 'month'] as const) {
    const period = granularity === 'day' ? sql`date` : sql`substr(date, 1, 7)`;
    const fromEntries = await db
      .selectFrom('ledger_entries')
      .groupBy(['business_id', 'contact_id', 'location_id', sql`${period}`])
      .select([
        'business_id',
        'contact_id',
        'location_id',
        sql<string>`${period}`.as('period'),
        sumAs(sql`debit`).as('debit'),
        sumAs(sql`credit`).as('credit'),
      ])
      .execute();
    const stored = await db.selectFrom('ledger_totals').where('granularity', '=', granularity).selectAll().execute();
    const key = (row: { contact_id: string; location_id: string; period: string }) =>
      `${row.contact_id}|${row.location_id}|${row.period}`;
    const storedByKey = new Map(stored.map((row) => [key(row), row]));
    for (const row of fromEntries) {
      const total = storedByKey.get(key(row));
      storedByKey.delete(key(row));
      const id = `${granularity} ${row.period} ${row.contact_id} ${row.location_id}`;
      for (const field of ['debit', 'credit'] as const) {
        const storedValue = Number(total?.[field] ?? 0);
        if (storedValue !== Number(row[field])) {
          differences.push({ businessId: row.business_id, subject: 'ledger_totals', id, field, stored: storedValue, computed: Number(row[field]) });
        }
      }
    }
    for (const total of storedByKey.values()) {
      if (Number(total.debit) === 0 && Number(total.credit) === 0) continue;
      const id = `${granularity} ${total.period} ${total.contact_id} ${total.location_id}`;
      differences.push({ businessId: total.business_id, subject: 'ledger_totals', id, field: 'debit', stored: Number(total.debit), computed: 0 });
    }
  }
  return differences;
}

/** Checks that each open item's amount equals its document's total or its payment's amount. */
async function sourceDifferences(db: Executor): Promise<Difference[]> {
  const differences: Difference[] = [];
  const documents = await db
    .selectFrom('open_items')
    .innerJoin('documents', 'documents.id', 'open_items.source_id')
    .where('open_items.source_type', '=', 'document')
    .select(['open_items.id', 'open_items.business_id', 'open_items.amount', 'documents.total'])
    .execute();
  const payments = await db
    .selectFrom('open_items')
    .innerJoin('payments', 'payments.id', 'open_items.source_id')
    .where('open_items.source_type', '=', 'payment')
    .select(['open_items.id', 'open_items.business_id', 'open_items.amount', 'payments.amount as total'])
    .execute();
  for (const row of [...documents, ...payments]) {
    if (Number(row.amount) !== Number(row.total)) {
      differences.push({ businessId: row.business_id, subject: 'open_item', id: row.id, field: 'amount', stored: Number(row.amount), computed: Number(row.total) });
    }
  }
  return differences;
}
