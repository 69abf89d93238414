/** Products by name, with a match on part of the SKU or the name, in keyset pages. */
import type { Executor } from '../db/database.ts';
import type { Actor } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { decodeCursor, encodeCursor } from '../ledger/cursor.ts';
import { sql } from 'kysely';
import { pricesOf, productView, type ProductView } from './products.ts';
import type { SearchQuery } from './schemas.ts';
import { containsPattern, nameKey } from './values.ts';

export async function listProducts(
  db: Executor,
  actor: Actor,
  query: SearchQuery,
): Promise<{ items: ProductView[]; nextCursor: string | null }> {
  const business = await loadBusiness(db, actor.businessId);
  const after = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
  let select = db.selectFrom('products').where('business_id', '=', actor.businessId).selectAll();
  const q = query.q ? nameKey(query.q) : '';
  if (q) {
    select = select.where(sql<boolean>`search_key like ${containsPattern(q)} escape '\\'`);
  }
  if (query.active) select = select.where('is_active', '=', query.active === 'true' ? 1 : 0);
  if (after) select = select.where(sql<boolean>`(name, id) > (${after[0]}, ${after[1]})`);

  const rows = await select.orderBy('name').orderBy('id').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const prices = await pricesOf(db, actor.businessId, page.map((r) => r.id), business.currency);
  const last = page.at(-1);
  return {
    items: page.map((row) => productView(row, prices.get(row.id) ?? [], business.currency)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}
