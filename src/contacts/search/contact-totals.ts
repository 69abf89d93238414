/**
 * Totals of every contact a list's filters keep, not of one page: how many,
 * and the sums of their receivable, payable and advance.
 */
import { sql } from 'kysely';
import { rareFlagConditions } from '../../db/migrations/0026_rare_flag_indexes.ts';
import type { Executor } from '../../db/database.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import { formatDecimal } from '../../shared/money.ts';
import { requireFiguresForList, seesFigures } from '../hide-figures.ts';
import type { ContactBusiness } from '../validate.ts';
import { type ContactActor, contactViewScopes } from '../visibility.ts';
import { readContactTotalsQuery } from './list-params.ts';
import type { ContactFilters } from './filters.ts';
import { type ListContext, listConditions, listContext } from './list-rows.ts';

export interface ContactTotals {
  count: number;
  /** The sums, null for a user without `ledger.view`, who gets the count alone. */
  receivable: string | null;
  payable: string | null;
  advance: string | null;
}

/**
 * Counts the contacts that the filters of `query` keep and sums their
 * figures. Throws a 403 naming `customer.view` when the actor may view no
 * contact, before the query is read, as the list does, then a 422 naming
 * every bad parameter, those of `found` included. An actor without
 * `ledger.view` gets the count with null sums, and a 403 naming
 * `ledger.view` for a filter on the figures, as in the list. `business` is
 * the caller's business when the request already read it.
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
  requireFiguresForList(actor, filters);
  const context = await listContext(db, actor, filters, business);
  const row = await totalsQuery(db, actor, filters, context).executeTakeFirstOrThrow();
  if (!seesFigures(actor)) return { count: Number(row.count), receivable: null, payable: null, advance: null };
  const money = (minor: number | string) => formatDecimal(Number(minor), context.business.currency);
  return {
    count: Number(row.count),
    receivable: money(row.receivable),
    payable: money(row.payable),
    advance: money(row.advance),
  };
}

/** Builds the statement that sums the figures of the contacts `filters` keep. */
function figuresQuery(db: Executor, actor: ContactActor, filters: ContactFilters, context: ListContext) {
  return db
    .selectFrom('contacts')
    .where((eb) => eb.and(listConditions(actor, filters, context, true)))
    .select([
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(contacts.receivable), 0)`.as('receivable'),
      sql<number>`coalesce(sum(contacts.payable), 0)`.as('payable'),
      sql<number>`coalesce(sum(contacts.advance), 0)`.as('advance'),
    ]);
}

type RareFlag = keyof typeof rareFlagConditions;

/**
 * Builds the totals statement. The totals of "not X", for a flag X that few
 * contacts meet, are those of the other filters minus those of X. The
 * contacts that meet X come from X's partial index, and the other filters
 * often read the figures index alone, where "not X" looked up every contact
 * for a column that index lacks. X's condition is never null (its columns
 * are not null, and a missing credit limit makes it false), so "not X" keeps
 * exactly the contacts X leaves out. Both sums are read in one statement, so
 * they see the same rows. With a search text the statement stays whole, as
 * each half would search again.
 */
export function totalsQuery(db: Executor, actor: ContactActor, filters: ContactFilters, context: ListContext) {
  const rare = filters.q ? undefined : (Object.keys(rareFlagConditions) as RareFlag[]).find((flag) => filters.flags[flag] === false);
  if (!rare) return figuresQuery(db, actor, filters, context);

  const others: ContactFilters = { ...filters, flags: { ...filters.flags } };
  delete others.flags[rare];
  const flagged: ContactFilters = { ...filters, flags: { ...filters.flags, [rare]: true } };
  const difference = (column: string) => sql<number>`${sql.ref(`whole.${column}`)} - ${sql.ref(`flagged.${column}`)}`.as(column);
  return db
    .selectFrom([
      figuresQuery(db, actor, others, context).as('whole'),
      figuresQuery(db, actor, flagged, context).as('flagged'),
    ])
    .select([difference('count'), difference('receivable'), difference('payable'), difference('advance')]);
}
