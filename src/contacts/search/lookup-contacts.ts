/**
 * The customer or supplier picker of the sale and purchase screens: the ten
 * best matches of a search as the user types, each with what the till needs
 * (balance, available credit, group, usable loyalty points).
 */
import { expressionBuilder, sql } from 'kysely';
import { type Executor, executorEngine } from '../../db/database.ts';
import { QueryTemplate } from '../../db/query-templates.ts';
import type { Database } from '../../db/schema.ts';
import { usablePointsSql } from '../../loyalty/points-sql.ts';
import { formatDecimal } from '../../shared/money.ts';
import { seesFigures } from '../hide-figures.ts';
import type { ContactBusiness } from '../validate.ts';
import { type ContactActor, contactViewScopes, type ViewScopes, visibleContactsCondition } from '../visibility.ts';
import { type ContactFilters, filterConditions } from './filters.ts';
import { listContext } from './list-rows.ts';
import type { MatchKind } from './rank.ts';
import { candidateUnion, rankTaggedCandidates, type TaggedCandidate } from './search-contacts.ts';
import { type ContactColumn, candidateQueries, type SearchParameters, searchParameters } from './search-sql.ts';

export const MAX_LOOKUP_RESULTS = 10;
/**
 * Candidates read from each index for the picker, five times the results it
 * shows. Reading more costs time in proportion: at 1,000,000 contacts a
 * short prefix matches over 100,000 of them, and PostgreSQL checks each
 * driving row of a several-word search against the other words.
 */
export const LOOKUP_CANDIDATES = 50;

export interface LookupQuery {
  q: string;
  type?: 'customer' | 'supplier' | 'both';
  includeInactive?: boolean;
  limit?: number;
}

export interface LookupItem {
  id: string;
  code: string;
  name: string;
  type: string;
  status: string;
  mobile: string | null;
  email: string | null;
  city: string | null;
  loyaltyCardNumber: string | null;
  /** Null, like every figure, for a user without `ledger.view`. */
  balance: string | null;
  /**
   * Credit limit less exposure (receivable - advance), and 0 past the limit as in the contact's account.
   * Null when the contact has no limit or the user lacks `ledger.view`.
   */
  availableCredit: string | null;
  customerGroup: { id: string; name: string | null } | null;
  /** Usable loyalty points today. */
  points: number;
  matchedOn: MatchKind;
}

export interface LookupResult {
  items: LookupItem[];
  /** True when more contacts match than `items` contains, so typing more would narrow the search. */
  more: boolean;
  truncated: boolean;
}

/** Contact columns the picker shows, read with the candidates. */
const itemColumns = [
  'contacts.name', 'contacts.type', 'contacts.status', 'contacts.mobile', 'contacts.email', 'contacts.city',
  'contacts.balance', 'contacts.receivable', 'contacts.advance', 'contacts.credit_limit', 'contacts.customer_group_id',
] as const satisfies readonly ContactColumn[];

/** A candidate row with what the picker shows of it. */
interface LookupRow extends TaggedCandidate {
  name: string;
  type: string;
  status: string;
  mobile: string | null;
  email: string | null;
  city: string | null;
  balance: number | string;
  receivable: number | string;
  advance: number | string;
  credit_limit: number | string | null;
  customer_group_id: string | null;
  group_name: string | null;
  /** Usable loyalty points (a numeric string on PostgreSQL). */
  points: number | string | null;
}

/** The picker's filters and the caller's visibility, which change its SQL besides the search. */
export interface LookupShape {
  type: 'customer' | 'supplier' | 'both' | null;
  includeInactive: boolean;
  scopes: ViewScopes | null;
}

export type LookupValues = SearchParameters & {
  businessId: string;
  /** The caller, when it may see only its own contacts on a side. */
  userId?: string;
  /** Today in the business time zone, for the loyalty points still valid. */
  today: string;
};

/**
 * The statement that reads the candidates of every index. Each row carries
 * the columns, group name and usable points the picker shows, so the
 * ranking needs no second read.
 */
export const lookupQuery = new QueryTemplate((db: Executor, shape: LookupShape, values: LookupValues) => {
  const engine = executorEngine(db);
  const filters: ContactFilters = {
    flags: {},
    customFields: {},
    includeInactive: shape.includeInactive,
    ...(shape.type ? { type: shape.type } : {}),
  };
  // The picker's filters read neither today nor the time zone.
  const conditions = filterConditions(filters, { businessId: values.businessId, engine, today: '', timezone: '' });
  if (shape.scopes) {
    conditions.push(visibleContactsCondition(contactsBuilder, shape.scopes, values.businessId, values.userId ?? null));
  }
  const queries = candidateQueries(db, engine, values.businessId, values, conditions, LOOKUP_CANDIDATES, itemColumns);
  return db
    .selectFrom(candidateUnion(db, queries).as('candidates'))
    .selectAll('candidates')
    .select([
      sql<string | null>`(select customer_groups.name from customer_groups
        where customer_groups.id = candidates.customer_group_id
        and customer_groups.business_id = ${values.businessId})`.as('group_name'),
      usablePointsSql(values.businessId, sql.ref('candidates.id'), values.today).as('points'),
    ]);
});

const contactsBuilder = expressionBuilder<Database, 'contacts'>();

/** Tells whether the scopes limit a side to the caller's own contacts, which the SQL then names. */
function seesOwnOnly(scopes: ViewScopes | null): boolean {
  return scopes !== null && (scopes.customer === 'own' || scopes.supplier === 'own');
}

/**
 * Finds the best matches for the picker, in one statement after the
 * caller's. `business` is the caller's business as the request already read
 * it; without it, it is read here.
 */
export async function lookupContacts(
  db: Executor,
  actor: ContactActor,
  query: LookupQuery,
  business?: ContactBusiness,
): Promise<LookupResult> {
  const filters: ContactFilters = {
    q: query.q,
    flags: {},
    customFields: {},
    ...(query.type ? { type: query.type } : {}),
    ...(query.includeInactive !== undefined ? { includeInactive: query.includeInactive } : {}),
  };
  const context = await listContext(db, actor, filters, business);
  // Reading drops format characters such as U+200E and U+200F, so a text of them alone leaves no index anything to look for.
  if (!context.terms || context.terms.text === '') return { items: [], more: false, truncated: false };

  const scopes = contactViewScopes(actor);
  const shape: LookupShape = { type: query.type ?? null, includeInactive: query.includeInactive ?? false, scopes };
  const values: LookupValues = {
    ...searchParameters(context.filter.engine, context.terms),
    businessId: actor.businessId,
    ...(seesOwnOnly(scopes) && actor.userId !== null ? { userId: actor.userId } : {}),
    today: context.filter.today,
  };
  const rows = (await lookupQuery.execute(db, shape, values)) as LookupRow[];
  const { ranked, truncated } = rankTaggedCandidates(rows, context.terms, LOOKUP_CANDIDATES);
  const best = ranked.slice(0, Math.min(query.limit ?? MAX_LOOKUP_RESULTS, MAX_LOOKUP_RESULTS));

  const money = (minor: number | string) => formatDecimal(Number(minor), context.business.currency);
  const figures = seesFigures(actor);
  const items = best.map(({ row, matchedOn }): LookupItem => {
    const exposure = Number(row.receivable) - Number(row.advance);
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      type: row.type,
      status: row.status,
      mobile: row.mobile === '' ? null : row.mobile,
      email: row.email,
      city: row.city,
      loyaltyCardNumber: row.loyalty_card_number,
      balance: figures ? money(row.balance) : null,
      availableCredit: figures && row.credit_limit !== null ? money(Math.max(0, Number(row.credit_limit) - exposure)) : null,
      customerGroup: row.customer_group_id ? { id: row.customer_group_id, name: row.group_name ?? null } : null,
      points: Number(row.points ?? 0),
      matchedOn,
    };
  });
  return { items, more: truncated || ranked.length > best.length, truncated };
}
