/**
 * A contact's account figures: the cached balance, receivable, payable and
 * advance, the overdue amounts computed for today in the business time zone,
 * and the credit limit with the exposure it is checked against.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { ContactRow } from '../db/schema.ts';
import { formatDecimal } from '../shared/money.ts';
import { loadBusiness } from './business.ts';
import { todayIn } from './dates.ts';

export interface Overdue {
  /** Open amount of sales and a positive opening balance past their due date. */
  overdue: number;
  /** Open amount of purchases and a negative opening balance past their due date. */
  overduePayable: number;
}

/**
 * Overdue figures of several contacts at once, for lists: open amount > 0 and
 * due date before `today`. Contacts with nothing overdue are absent.
 */
export async function overdueByContact(
  db: Executor,
  businessId: string,
  contactIds: string[],
  today: string,
): Promise<Map<string, Overdue>> {
  const figures = new Map<string, Overdue>();
  if (contactIds.length === 0) return figures;
  const rows = await db
    .selectFrom('open_items')
    .where('business_id', '=', businessId)
    .where('contact_id', 'in', contactIds)
    .where('status', '=', 'open')
    .where('due_date', '<', today)
    .where('kind', 'in', [...overdueKinds])
    .select(['contact_id', 'side', 'open_amount'])
    .execute();
  for (const row of rows) {
    const entry = figures.get(row.contact_id) ?? { overdue: 0, overduePayable: 0 };
    if (row.side === 'debit') entry.overdue += Number(row.open_amount);
    else entry.overduePayable += Number(row.open_amount);
    figures.set(row.contact_id, entry);
  }
  return figures;
}

/** Kinds of open item that fall due: documents and the opening balance. */
const overdueKinds = ['sale', 'purchase', 'opening_balance'] as const;

/**
 * SQL for the `overdue` figure of `overdueByContact` for the contact whose id
 * is `contactId`, as a scalar subquery a list can select beside each row.
 * Its value is a number of minor units (a numeric string on PostgreSQL).
 */
export function overdueSql(businessId: string, contactId: RawBuilder<unknown>, today: string): RawBuilder<number | string> {
  return sql<number | string>`(select coalesce(sum(open_items.open_amount), 0) from open_items
    where open_items.business_id = ${businessId} and open_items.contact_id = ${contactId}
    and open_items.status = 'open' and open_items.due_date < ${today} and open_items.side = 'debit'
    and open_items.kind in (${sql.join(overdueKinds)}))`;
}

export interface AccountView {
  contactId: string;
  currency: string;
  balance: string;
  receivable: string;
  payable: string;
  advance: string;
  overdue: string;
  overduePayable: string;
  creditLimit: string | null;
  /** receivable - advance, what the credit limit is checked against. */
  exposure: string;
  /** limit - exposure, never below zero; null without a limit. */
  availableCredit: string | null;
}

export async function readAccount(db: Executor, contact: ContactRow): Promise<AccountView> {
  const business = await loadBusiness(db, contact.business_id);
  const fresh = await db
    .selectFrom('contacts')
    .where('id', '=', contact.id)
    .select(['balance', 'receivable', 'payable', 'advance', 'credit_limit'])
    .executeTakeFirstOrThrow();
  const today = todayIn(business.timezone);
  const late = (await overdueByContact(db, contact.business_id, [contact.id], today)).get(contact.id);
  const money = (minor: number) => formatDecimal(minor, business.currency);
  const exposure = Number(fresh.receivable) - Number(fresh.advance);
  const limit = fresh.credit_limit === null ? null : Number(fresh.credit_limit);
  return {
    contactId: contact.id,
    currency: business.currency,
    balance: money(Number(fresh.balance)),
    receivable: money(Number(fresh.receivable)),
    payable: money(Number(fresh.payable)),
    advance: money(Number(fresh.advance)),
    overdue: money(late?.overdue ?? 0),
    overduePayable: money(late?.overduePayable ?? 0),
    creditLimit: limit === null ? null : money(limit),
    exposure: money(exposure),
    availableCredit: limit === null ? null : money(Math.max(0, limit - exposure)),
  };
}

export interface OpenItemView {
  id: string;
  side: string;
  kind: string;
  reference: string;
  documentId: string | null;
  date: string;
  dueDate: string;
  amount: string;
  openAmount: string;
  overdue: boolean;
}

/** Lists the contact's open items, oldest due date first, in the order a payment settles them. */
export async function listOpenItems(db: Executor, contact: ContactRow): Promise<OpenItemView[]> {
  const business = await loadBusiness(db, contact.business_id);
  const today = todayIn(business.timezone);
  const rows = await db
    .selectFrom('open_items')
    .where('business_id', '=', contact.business_id)
    .where('contact_id', '=', contact.id)
    .where('status', '=', 'open')
    .orderBy('due_date')
    .orderBy('date')
    .orderBy('created_at')
    .orderBy('id')
    .selectAll()
    .execute();
  return rows.map((row) => ({
    id: row.id,
    side: row.side,
    kind: row.kind,
    reference: row.reference,
    documentId: row.source_type === 'document' ? row.source_id : null,
    date: row.date,
    dueDate: row.due_date,
    amount: formatDecimal(Number(row.amount), business.currency),
    openAmount: formatDecimal(Number(row.open_amount), business.currency),
    overdue: ['sale', 'purchase', 'opening_balance'].includes(row.kind) && row.due_date < today,
  }));
}
