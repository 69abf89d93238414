/** Pages of sales or purchases, newest first, with their open amounts. */
import { sql } from 'kysely';
import { visibleContactsFilter } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { todayIn } from '../ledger/dates.ts';
import { decodeCursor, encodeCursor } from '../ledger/cursor.ts';
import { formatDecimal } from '../shared/money.ts';
import type { DocumentType } from './kinds.ts';
import type { ListQuery } from './schemas.ts';

export interface DocumentSummary {
  id: string;
  type: string;
  reference: string;
  contactId: string | null;
  contactName: string | null;
  date: string;
  dueDate: string;
  status: string;
  total: string;
  openAmount: string;
  overdue: boolean;
}

export async function listDocuments(db: Executor, actor: Actor, type: DocumentType, query: ListQuery) {
  requireActorPermission(actor, 'ledger.view');
  const business = await loadBusiness(db, actor.businessId);
  const cursor = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);

  let select = db
    .selectFrom('documents')
    .leftJoin('contacts', 'contacts.id', 'documents.contact_id')
    .leftJoin('open_items', (join) =>
      join.onRef('open_items.source_id', '=', 'documents.id').on('open_items.source_type', '=', 'document'),
    )
    .where('documents.business_id', '=', actor.businessId)
    .where('documents.type', '=', type)
    .select([
      'documents.id',
      'documents.type',
      'documents.number',
      'documents.contact_id',
      'contacts.name as contact_name',
      'documents.date',
      'documents.due_date',
      'documents.status',
      'documents.total',
      'open_items.open_amount',
    ])
    .orderBy('documents.date', 'desc')
    .orderBy('documents.id', 'desc')
    .limit(query.limit + 1);
  if (query.contactId) select = select.where('documents.contact_id', '=', query.contactId);
  if (query.status) select = select.where('documents.status', '=', query.status);
  if (query.from) select = select.where('documents.date', '>=', query.from);
  if (query.to) select = select.where('documents.date', '<=', query.to);
  if (cursor) select = select.where(sql<boolean>`(documents.date, documents.id) < (${cursor[0]}, ${cursor[1]})`);

  const filter = visibleContactsFilter(actor);
  if (filter) {
    const visible = db.selectFrom('contacts').select('contacts.id').where('contacts.business_id', '=', actor.businessId).where(filter);
    select = select.where((eb) => eb.or([eb('documents.contact_id', 'is', null), eb('documents.contact_id', 'in', visible)]));
  }

  const rows = await select.execute();
  const today = todayIn(business.timezone);
  const money = (minor: number) => formatDecimal(Number(minor), business.currency);
  const pageRows = rows.slice(0, query.limit);
  const items: DocumentSummary[] = pageRows.map((row) => {
    let open = 0;
    if (row.status === 'parked') open = Number(row.total);
    if (row.status === 'final') open = Number(row.open_amount ?? 0);
    return {
      id: row.id,
      type: row.type,
      reference: row.number,
      contactId: row.contact_id,
      contactName: row.contact_name,
      date: row.date,
      dueDate: row.due_date,
      status: row.status,
      total: money(row.total),
      openAmount: money(open),
      overdue: row.status === 'final' && open > 0 && row.due_date < today,
    };
  });
  const last = pageRows.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor([last.date, last.id]) : null;
  return { items, nextCursor };
}
