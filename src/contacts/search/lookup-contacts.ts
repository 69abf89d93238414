/**
 * The customer or supplier picker of the sale and purchase screens: the ten
 * best matches of a search as the user types, each with what the till needs
 * (balance, available credit, group, usable loyalty points).
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { formatDecimal } from '../../shared/money.ts';
import { seesFigures } from '../hide-figures.ts';
import type { ContactBusiness } from '../validate.ts';
import type { ContactActor } from '../visibility.ts';
import { type ContactFilters, filterConditions } from './filters.ts';
import { listContext } from './list-rows.ts';
import type { MatchKind } from './rank.ts';
import { searchContacts, visibilityConditions } from './search-contacts.ts';

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
  /** Credit limit less exposure (receivable - advance); null when the contact has no limit or the user lacks `ledger.view`. */
  availableCredit: string | null;
  customerGroup: { id: string; name: string | null } | null;
  /** Usable loyalty points today. */
  points: number;
  matchedOn: MatchKind;
}

export interface LookupResult {
  items: LookupItem[];
  truncated: boolean;
}

/**
 * Finds the best matches for the picker. `business` is the caller's business
 * as the request already read it; without it, it is read here.
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
  if (!context.terms) return { items: [], truncated: false };

  const conditions = [...filterConditions(filters, context.filter), ...visibilityConditions(actor)];
  const { ranked, truncated } = await searchContacts(db, actor.businessId, context.terms, conditions, LOOKUP_CANDIDATES);
  const best = ranked.slice(0, Math.min(query.limit ?? MAX_LOOKUP_RESULTS, MAX_LOOKUP_RESULTS));
  if (best.length === 0) return { items: [], truncated };

  const today = context.filter.today;
  const rows = await db
    .selectFrom('contacts')
    .leftJoin('customer_groups', (join) =>
      join.onRef('customer_groups.id', '=', 'contacts.customer_group_id')
        .onRef('customer_groups.business_id', '=', 'contacts.business_id'))
    .select([
      'contacts.id', 'contacts.code', 'contacts.name', 'contacts.type', 'contacts.status', 'contacts.mobile',
      'contacts.email', 'contacts.city', 'contacts.loyalty_card_number', 'contacts.balance', 'contacts.receivable',
      'contacts.advance', 'contacts.credit_limit', 'contacts.customer_group_id', 'customer_groups.name as group_name',
      // Usable points counted as loyaltyPointsFor counts them: lots with points left that have not expired.
      (eb) => eb.selectFrom('loyalty_lots')
        .select(sql<number | string>`coalesce(sum(loyalty_lots.remaining), 0)`.as('points'))
        .whereRef('loyalty_lots.contact_id', '=', 'contacts.id')
        .where('loyalty_lots.business_id', '=', actor.businessId)
        .where('loyalty_lots.remaining', '>', 0)
        .where((lots) => lots.or([lots('loyalty_lots.expires_on', 'is', null), lots('loyalty_lots.expires_on', '>', today)]))
        .as('points'),
    ])
    .where('contacts.business_id', '=', actor.businessId)
    .where('contacts.id', 'in', best.map((candidate) => candidate.row.id))
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const money = (minor: number) => formatDecimal(Number(minor), context.business.currency);
  const figures = seesFigures(actor);

  const items: LookupItem[] = [];
  for (const candidate of best) {
    const row = byId.get(candidate.row.id);
    if (!row) continue;
    const exposure = Number(row.receivable) - Number(row.advance);
    items.push({
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
      availableCredit: figures && row.credit_limit !== null ? money(Number(row.credit_limit) - exposure) : null,
      customerGroup: row.customer_group_id ? { id: row.customer_group_id, name: row.group_name ?? null } : null,
      points: Number(row.points ?? 0),
      matchedOn: candidate.matchedOn,
    });
  }
  return { items, truncated };
}
