/**
 * Hides, from a caller who may view only some contacts, the name and code of
 * the contacts an undo kept or would keep. Such a caller gets those it may
 * view and a count of the others.
 */
import { type ContactActor, contactViewScopes, visibleContactsCondition } from '../../contacts/visibility.ts';
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import type { ImportRecord } from './store.ts';
import type { KeptContact } from './undo-plan.ts';

const ID_BATCH = 500;

export interface VisibleKept {
  visible: KeptContact[];
  /** Kept contacts the caller may not view, named by none of their fields. */
  hidden: number;
}

/**
 * Splits kept contacts into those the actor may view and a count of the
 * others. A kept contact deleted since the import is visible only to a
 * caller who may view every contact, since nothing tells whose it was.
 */
export async function splitVisibleKept(db: Executor, actor: ContactActor, kept: readonly KeptContact[]): Promise<VisibleKept> {
  let scopes: ReturnType<typeof contactViewScopes>;
  try {
    scopes = contactViewScopes(actor);
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return { visible: [], hidden: kept.length };
    throw error;
  }
  if (scopes === null) return { visible: [...kept], hidden: 0 };
  const viewScopes = scopes;

  const ids = kept.map((contact) => contact.id);
  const visibleIds = new Set<string>();
  for (let start = 0; start < ids.length; start += ID_BATCH) {
    const rows = await db
      .selectFrom('contacts')
      .select('id')
      .where('business_id', '=', actor.businessId)
      .where('id', 'in', ids.slice(start, start + ID_BATCH))
      .where((eb) => visibleContactsCondition(eb, viewScopes, actor.businessId, actor.userId))
      .execute();
    for (const row of rows) visibleIds.add(row.id);
  }
  const visible = kept.filter((contact) => visibleIds.has(contact.id));
  return { visible, hidden: kept.length - visible.length };
}

/** Returns the record with only the kept contacts of its undo result that the actor may view. */
export async function withVisibleKept(db: Executor, actor: ContactActor, record: ImportRecord): Promise<ImportRecord> {
  if (!record.undo || record.undo.keptContacts.length === 0) return record;
  const { visible } = await splitVisibleKept(db, actor, record.undo.keptContacts);
  return { ...record, undo: { ...record.undo, keptContacts: visible } };
}
