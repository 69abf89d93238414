/** Pages of payments and refunds, newest first. */
import { sql } from 'kysely';
import { visibleContactsFilter } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { decodeCursor, encodeCursor } from '../ledger/cursor.ts';
import { readPayment, type PaymentView } from './payment-view.ts';

export async function listPayments(
  db: Executor,
  actor: Actor,
  query: { contactId?: string; limit: number; cursor?: string },
): Promise<{ items: PaymentView[]; nextCursor: string | null }> {
  requireActorPermission(actor, 'ledger.view');
  const cursor = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
  let select = db
    .selectFrom('payments')
    .where('business_id', '=', actor.businessId)
    .select(['id', 'date'])
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.contactId) select = select.where('contact_id', '=', query.contactId);
  if (cursor) select = select.where(sql<boolean>`(date, id) < (${cursor[0]}, ${cursor[1]})`);
  const filter = visibleContactsFilter(actor);
  if (filter) {
    const visible = db.selectFrom('contacts').select('contacts.id').where('contacts.business_id', '=', actor.businessId).where(filter);
    select = select.where((eb) => eb.or([eb('contact_id', 'is', null), eb('contact_id', 'in', visible)]));
  }

  const rows = await select.execute();
  const pageRows = rows.slice(0, query.limit);
  const items: PaymentView[] = [];
  for (const row of pageRows) items.push(await readPayment(db, actor.businessId, row.id));
  const last = pageRows.at(-1);
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor([last.date, last.id]) : null;
  return { items, nextCursor };
}
