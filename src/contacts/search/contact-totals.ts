/**
 * Totals of every contact a list's filters keep, not of one page: how many,
 * and the sums of their receivable, payable and advance.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import { formatDecimal } from '../../shared/money.ts';
import { requireFigures } from '../hide-figures.ts';
import type { ContactBusiness } from '../validate.ts';
import { type ContactActor, contactViewScopes } from '../visibility.ts';
import { readContactTotalsQuery } from './list-params.ts';
import { listConditions, listContext } from './list-rows.ts';

export interface ContactTotals {
  count: number;
  receivable: string;
  payable: string;
  advance: string;
}

/**
 * Sums the figures of every contact that the filters of `query` keep.
 * Throws a 403 naming `customer.view` when the actor may view no contact,
 * before the query is read, as the list does, then a 422 naming every bad
 * parameter, those of `found` included. The sums are ledger data, so a 403
 * naming `ledger.view` follows for an actor without it. `business` is the
 * caller's business when the request already read it.
 */
export async function contactTotals(
  db: Executor,
  actor: ContactActor,
  query: Record<string, unknown>,
  business?: ContactBusiness,
  found: readonly FieldIssue[] = [],
): Promise<ContactTotals> {
  contactViewScopes(actor);
  const filters = await readContactTotalsQuery(db, actor.businessId, query, found);
  requireFigures(actor);
  const context = await listContext(db, actor, filters, business);
  // TODO: the matching ids are not read first, so on PostgreSQL this aggregate's plan with a search term
  // depends on the statistics of `contacts`. Only the ANALYZE after a large import keeps them fresh.
  const row = await db
    .selectFrom('contacts')
    .where((eb) => eb.and(listConditions(actor, filters, context)))
    .select([
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(contacts.receivable), 0)`.as('receivable'),
      sql<number>`coalesce(sum(contacts.payable), 0)`.as('payable'),
      sql<number>`coalesce(sum(contacts.advance), 0)`.as('advance'),
    ])
    .executeTakeFirstOrThrow();
  const money = (minor: number | string) => formatDecimal(Number(minor), context.business.currency);
  return {
    count: Number(row.count),
    receivable: money(row.receivable),
    payable: money(row.payable),
    advance: money(row.advance),
  };
}
