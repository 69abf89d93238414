/** The audit entries of one contact, newest first, with the name of who acted. */
import type { Executor } from '../db/database.ts';
import { hideFigureChanges, seesFigures } from './hide-figures.ts';
import { type ContactActor, loadVisibleContact } from './visibility.ts';

export interface ActivityJson {
  id: string;
  action: string;
  userId: string | null;
  userName: string | null;
  /** `[{ field, from, to }]` for updates, a small detail object for other actions. */
  changes: unknown;
  createdAt: string;
}

function activityQuery(db: Executor, businessId: string, contactId: string) {
  return db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.user_id',
      'audit_log.changes',
      'audit_log.created_at',
      'users.name as user_name',
    ])
    .where('audit_log.business_id', '=', businessId)
    .where('audit_log.entity_type', '=', 'contact')
    .where('audit_log.entity_id', '=', contactId)
    // Ids are UUIDv7, so their order is the order of writing.
    .orderBy('audit_log.id', 'desc');
}

function toJson(row: {
  id: string;
  action: string;
  user_id: string | null;
  changes: string;
  created_at: string;
  user_name: string | null;
}): ActivityJson {
  return {
    id: row.id,
    action: row.action,
    userId: row.user_id,
    userName: row.user_name,
    changes: JSON.parse(row.changes) as unknown,
    createdAt: row.created_at,
  };
}

export async function listActivity(
  db: Executor,
  actor: ContactActor,
  contactId: string,
  page: { limit: number; cursor?: string },
): Promise<{ items: ActivityJson[]; nextCursor: string | null }> {
  const contact = await loadVisibleContact(db, actor, contactId);
  const rows = await activityQuery(db, actor.businessId, contact.id)
    .$if(page.cursor !== undefined, (query) => query.where('audit_log.id', '<', page.cursor as string))
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map(toJson);
  const nextCursor = rows.length > page.limit ? items[items.length - 1]?.id ?? null : null;
  return { items: items.map((item) => hideActivityFigures(actor, item)), nextCursor };
}

type Detail = Record<string, unknown>;

/** Entries whose detail contains a ledger amount in `amount`. */
const amountActions = new Set(['discount', 'reverse_discount']);

/**
 * Returns an entry as the actor may read it. Without `ledger.view`, as in the
 * contact itself, field changes of account figures (the opening balance and
 * its date) are left out, and discount and advance amounts are null.
 */
function hideActivityFigures(actor: ContactActor, item: ActivityJson): ActivityJson {
  const { changes } = item;
  if (seesFigures(actor) || changes === null || typeof changes !== 'object') return item;
  if (Array.isArray(changes)) return { ...item, changes: hideFigureChanges(actor, changes as { field: string }[]) };
  const detail = changes as Detail;
  if (item.action === 'merge' && Array.isArray(detail.fields)) {
    return { ...item, changes: { ...detail, fields: hideFigureChanges(actor, detail.fields as { field: string }[]) } };
  }
  if (amountActions.has(item.action)) return { ...item, changes: { ...detail, amount: null } };
  if (item.action === 'apply_advance' && Array.isArray(detail.allocations)) {
    const allocations = (detail.allocations as Detail[]).map((allocation) => ({ ...allocation, amount: null }));
    return { ...item, changes: { ...detail, allocations } };
  }
  return item;
}

/** Returns every entry of the contact, newest first, with the figures hidden as `listActivity` hides them. */
export async function allActivity(db: Executor, actor: ContactActor, contactId: string): Promise<ActivityJson[]> {
  const rows = await activityQuery(db, actor.businessId, contactId).execute();
  return rows.map((row) => hideActivityFigures(actor, toJson(row)));
}
