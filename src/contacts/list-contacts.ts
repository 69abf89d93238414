/**
 * The contact list: filters, search, sorts and keyset pages that stay
 * correct while rows are added or changed (see search/list-rows.ts).
 */
import type { Executor } from '../db/database.ts';
import type { FieldIssue } from '../shared/errors.ts';
import { loadContactBusiness } from './business.ts';
import { requireFiguresForList } from './hide-figures.ts';
import { type ContactListJson, serializeContactFields } from './list-fields.ts';
import { readContactListQuery } from './search/list-params.ts';
import { listContactRows } from './search/list-rows.ts';
import { lastActivityOf, serializeContact, splitUserIds } from './serialize.ts';
import type { ContactBusiness } from './validate.ts';
import { type ContactActor, contactViewScopes } from './visibility.ts';

/**
 * The list's query string as `contactListQuery` checked it, or as sent when
 * the schema found issues; filters, sort and paging are read from it.
 */
export type ListContactsQuery = Record<string, unknown>;

export interface ContactPage {
  /** Whole contacts, or only the fields the request named. */
  items: ContactListJson[] | Partial<ContactListJson>[];
  nextCursor: string | null;
  /** Present and true when a search matches more contacts than relevance order ranked. */
  truncated?: boolean;
}

/**
 * Reads one page of the list. Throws a 403 naming `customer.view` when the
 * actor may view no contact, then a 422 naming every bad parameter (those
 * of `found`, which the route's schema found, included), then a 403 naming
 * `ledger.view` when the sort or a filter reads figures that the actor may
 * not see. `business` is the caller's business as the request already read
 * it; without it, it is read here.
 */
export async function listContacts(
  db: Executor,
  actor: ContactActor,
  query: ListContactsQuery,
  business?: ContactBusiness,
  found: readonly FieldIssue[] = [],
): Promise<ContactPage> {
  contactViewScopes(actor);
  const params = await readContactListQuery(db, actor.businessId, query, found);
  requireFiguresForList(actor, params.filters, params.sort);
  const settings = business ?? (await loadContactBusiness(db, actor.businessId));
  const page = await listContactRows(db, actor, params, settings);
  const { fields } = params;
  return {
    items: fields
      ? page.rows.map((row) => serializeContactFields(row, settings.currency, fields))
      : page.rows.map((row) => ({
          ...serializeContact(row, settings, splitUserIds(row.assigned_user_ids), Number(row.overdue)),
          lastActivity: lastActivityOf(row),
          points: Number(row.points),
        })),
    nextCursor: page.nextCursor,
    ...(page.truncated ? { truncated: true } : {}),
  };
}
