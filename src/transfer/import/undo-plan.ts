/**
 * The plan of a contact import's undo, contact by contact: delete a contact
 * it created, restore one it updated, or keep one that has history of its
 * own since the import, with the reason.
 */
import { countContactHistory } from '../../contacts/history.ts';
import type { Executor } from '../../db/database.ts';
import type { ImportChanges } from './import-contacts.ts';
import type { UpdatedContact } from './run-import.ts';

/**
 * Reasons an undo keeps a contact. A created contact has had sales, payments
 * or ledger entries (`transactions`) or loyalty points (`loyalty`) since the
 * import. An updated one has been edited (`edited`) or deleted (`deleted`).
 */
export const keepReasons = ['transactions', 'loyalty', 'edited', 'deleted'] as const;
export type KeepReason = (typeof keepReasons)[number];

export interface KeptContact {
  id: string;
  code: string | null;
  name: string | null;
  reason: KeepReason;
}

export interface UndoPlan {
  /** Created contacts to delete; those deleted by hand since are left out. */
  toDelete: string[];
  toRestore: UpdatedContact[];
  /** Contacts the undo must leave as they are, created ones first, in import order. */
  kept: KeptContact[];
}

const ID_BATCH = 500;

/** Plans the undo of the import's `changes`, committed at `committedAt`. */
export async function planUndo(trx: Executor, businessId: string, committedAt: string, changes: ImportChanges): Promise<UndoPlan> {
  const plan: UndoPlan = { toDelete: [], toRestore: [], kept: [] };
  const created = await existingContacts(trx, businessId, changes.createdIds);
  for (const contact of created) {
    const reason = await createdContactReason(trx, businessId, contact.id, committedAt);
    if (reason) plan.kept.push({ ...contact, reason });
    else plan.toDelete.push(contact.id);
  }

  for (const contact of changes.updated) {
    const row = await trx
      .selectFrom('contacts')
      .select(['code', 'name', 'updated_at'])
      .where('business_id', '=', businessId)
      .where('id', '=', contact.id)
      .executeTakeFirst();
    if (!row) plan.kept.push({ id: contact.id, code: contact.before.code ?? null, name: nameBefore(contact), reason: 'deleted' });
    else if (row.updated_at !== contact.updatedAt) plan.kept.push({ id: contact.id, code: row.code, name: row.name, reason: 'edited' });
    else plan.toRestore.push(contact);
  }
  return plan;
}

/** Contacts still present, in the order of `ids`: one deleted by hand since the import has nothing left to undo. */
async function existingContacts(trx: Executor, businessId: string, ids: string[]) {
  const found = new Map<string, { id: string; code: string; name: string }>();
  for (let start = 0; start < ids.length; start += ID_BATCH) {
    const rows = await trx
      .selectFrom('contacts')
      .select(['id', 'code', 'name'])
      .where('business_id', '=', businessId)
      .where('id', 'in', ids.slice(start, start + ID_BATCH))
      .execute();
    for (const row of rows) found.set(row.id, row);
  }
  return ids.flatMap((id) => found.get(id) ?? []);
}

/**
 * Returns why a contact the import created must be kept, or null when it
 * has no history but the opening balance the import posted (one item, one
 * ledger entry written before the import's commit), which the undo deletes
 * with it.
 */
async function createdContactReason(
  trx: Executor,
  businessId: string,
  contactId: string,
  committedAt: string,
): Promise<KeepReason | null> {
  const loyalty = await countRows(trx, 'loyalty_movements', businessId, contactId);
  const history = (await countContactHistory(trx, businessId, contactId)) - loyalty;
  if (history > 0) {
    const entries = await countRows(trx, 'ledger_entries', businessId, contactId);
    const importedBalanceOnly = history === 1 && entries === 1 && (await importedOpeningEntries(trx, businessId, contactId, committedAt)) === 1;
    if (!importedBalanceOnly) return 'transactions';
  }
  return loyalty > 0 ? 'loyalty' : null;
}

function nameBefore(contact: UpdatedContact): string | null {
  const { businessName, firstName, lastName } = contact.before;
  const person = [firstName, lastName].filter(Boolean).join(' ');
  return businessName || person || null;
}

async function countRows(
  trx: Executor,
  table: 'ledger_entries' | 'loyalty_movements',
  businessId: string,
  contactId: string,
): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Counts the opening balance entries of the contact written by the import, before its commit time. */
async function importedOpeningEntries(trx: Executor, businessId: string, contactId: string, committedAt: string): Promise<number> {
  const row = await trx
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .where('type', '=', 'opening_balance')
    .where('source_type', '=', 'opening_balance')
    .where('created_at', '<=', committedAt)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
