/**
 * The receivables and payables dashboard: totals over every contact, aging,
 * the oldest overdue items each way (owed to the shop, owed by it), and the
 * largest balances each way.
 */
import { sql } from 'kysely';
import { visibleContactsFilter } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { formatDecimal } from '../shared/money.ts';
import { type Actor, requireActorPermission } from './actor.ts';
import { type Aging, agingOf } from './aging.ts';
import { loadBusiness } from './business.ts';
import { daysBetween, todayIn } from './dates.ts';

const LIST_SIZE = 10;

export async function receivablesDashboard(db: Executor, actor: Actor) {
  requireActorPermission(actor, 'ledger.view');
  // A user limited to its own contacts gets the figures of those contacts only.
  const business = await loadBusiness(db, actor.businessId);
  const today = todayIn(business.timezone);
  const money = (minor: number | string | null) => formatDecimal(Number(minor ?? 0), business.currency);
  const filter = visibleContactsFilter(actor);

  let totalsQuery = db
    .selectFrom('contacts')
    .where('business_id', '=', actor.businessId)
    .select((eb) => [
      eb.fn.sum<number | string>('receivable').as('receivable'),
      eb.fn.sum<number | string>('payable').as('payable'),
      eb.fn.sum<number | string>('advance').as('advance'),
      // What contacts owe is their receivable part: advances are applied to
      // open items as they appear (ledger/net-items.ts), so it equals the
      // positive balance of a customer or supplier and agrees with the aging.
      eb.fn.sum<number | string>('receivable').as('owedToUs'),
      eb.fn.sum<number | string>(sql`payable + advance`).as('owedByUs'),
      eb.fn.sum<number | string>(sql`case when receivable > 0 then 1 else 0 end`).as('contactsOwing'),
    ]);
  if (filter) totalsQuery = totalsQuery.where(filter);
  const totals = await totalsQuery.executeTakeFirstOrThrow();
  const aging = await agingOf(db, actor.businessId, null, today, filter);

  // Debit items are late payments to the shop. Credit items are what the shop is late paying,
  // such as a supplier's bill or a customer's negative opening balance.
  const overdueQuery = (side: 'debit' | 'credit') => {
    let query = db
      .selectFrom('open_items')
      .innerJoin('contacts', 'contacts.id', 'open_items.contact_id')
      .where('open_items.business_id', '=', actor.businessId)
      .where('open_items.status', '=', 'open')
      .where('open_items.side', '=', side)
      .where('open_items.kind', 'in', side === 'debit' ? ['sale', 'opening_balance'] : ['purchase', 'opening_balance'])
      .where('open_items.due_date', '<', today)
      .orderBy('open_items.due_date')
      .orderBy('open_items.id')
      .limit(LIST_SIZE * 2)
      .select([
        'open_items.id',
        'open_items.kind',
        'open_items.reference',
        'open_items.source_type',
        'open_items.source_id',
        'open_items.date',
        'open_items.due_date',
        'open_items.open_amount',
        'contacts.id as contact_id',
        'contacts.name as contact_name',
      ]);
    if (filter) query = query.where(filter);
    return query.execute();
  };

  const top = (direction: 'desc' | 'asc') => {
    let query = db
      .selectFrom('contacts')
      .where('business_id', '=', actor.businessId)
      .where('balance', direction === 'desc' ? '>' : '<', 0)
      .orderBy('balance', direction)
      .orderBy('id')
      .limit(LIST_SIZE)
      .select(['id', 'name', 'type', 'balance', 'receivable', 'payable', 'advance', 'credit_limit']);
    if (filter) query = query.where(filter);
    return query.execute();
  };
  const [overdueRows, overduePayableRows, owing, owed] = await Promise.all([overdueQuery('debit'), overdueQuery('credit'), top('desc'), top('asc')]);

  const contactView = (row: (typeof owing)[number]) => ({
    contactId: row.id,
    name: row.name,
    type: row.type,
    balance: money(row.balance),
    receivable: money(row.receivable),
    payable: money(row.payable),
    advance: money(row.advance),
    creditLimit: row.credit_limit === null ? null : money(row.credit_limit),
  });
  const overdueView = (row: (typeof overdueRows)[number]) => ({
    contactId: row.contact_id,
    contactName: row.contact_name,
    itemId: row.id,
    kind: row.kind,
    reference: row.reference,
    documentId: row.source_type === 'document' ? row.source_id : null,
    date: row.date,
    dueDate: row.due_date,
    openAmount: money(row.open_amount),
    daysLate: daysBetween(row.due_date, today),
  });
  const agingView = (a: Aging) => ({
    notDue: money(a.notDue),
    days1To30: money(a.days1To30),
    days31To60: money(a.days31To60),
    days61To90: money(a.days61To90),
    over90: money(a.over90),
    total: money(a.total),
  });

  return {
    currency: business.currency,
    today,
    totals: {
      receivable: money(totals.receivable),
      payable: money(totals.payable),
      advance: money(totals.advance),
      owedToUs: money(totals.owedToUs),
      owedByUs: money(totals.owedByUs),
      overdue: money(aging.receivable.total - aging.receivable.notDue),
      overduePayable: money(aging.payable.total - aging.payable.notDue),
      contactsOwing: Number(totals.contactsOwing ?? 0),
    },
    aging: { receivable: agingView(aging.receivable), payable: agingView(aging.payable) },
    overdue: overdueRows.map(overdueView),
    overduePayables: overduePayableRows.map(overdueView),
    topBalances: owing.map(contactView),
    topPayables: owed.map(contactView),
  };
}
