/**
 * The contact list: filters, search, sorts and keyset pages that stay
 * correct while rows are added or changed (see search/list-rows.ts).
 */
import type { Executor } from '../db/database.ts';
import { loadContactBusiness } from './business.ts';
import { requireFiguresForList } from './hide-figures.ts';
import { readContactListQuery } from './search/list-params.ts';
import { listContactRows } from './search/list-rows.ts';
import { type ContactJson, loadAssignments, loadOverdue, serializeContact } from './serialize.ts';
import type { ContactActor } from './visibility.ts';

/** The list's query string as `contactListQuery` checked it; filters, sort and paging are read from it. */
export type ListContactsQuery = Record<string, unknown>;

export interface ContactPage {
  items: ContactJson[];
  nextCursor: string | null;
  /** Present and true when a search matches more contacts than relevance order ranked. */
  truncated?: boolean;
}

export async function listContacts(db: Executor, actor: ContactActor, query: ListContactsQuery): Promise<ContactPage> {
  const params = readContactListQuery(query);
  requireFiguresForList(actor, params.filters, params.sort);
  const business = await loadContactBusiness(db, actor.businessId);
  const page = await listContactRows(db, actor, params, business);
  const ids = page.rows.map((row) => row.id);
  // Independent reads: on PostgreSQL they run side by side on two pool connections.
  const [assignments, overdue] = await Promise.all([
    loadAssignments(db, actor.businessId, ids),
    loadOverdue(db, business, ids),
  ]);
  return {
    items: page.rows.map((row) => serializeContact(row, business, assignments.get(row.id) ?? [], overdue.get(row.id) ?? 0)),
    nextCursor: page.nextCursor,
    ...(page.truncated ? { truncated: true } : {}),
  };
}
