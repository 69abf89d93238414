/**
 * The plan of a contact import's undo, for each contact: delete a contact
 * it created, restore one it updated, or keep one that has history of its
 * own since the import, with the reason.
 */
import { sql } from 'kysely';
import { countHistoryBySource } from '../../contacts/history.ts';
import { IDS_PER_STATEMENT, inLists } from '../../db/batches.ts';
import type { Executor } from '../../db/database.ts';
import { isPostgres } from '../../ledger/engine.ts';
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

/** Plans the undo of the import's `changes`, committed at `committedAt`, with grouped queries per list of ids. */
export async function planUndo(trx: Executor, businessId: string, committedAt: string, changes: ImportChanges): Promise<UndoPlan> {
  const plan: UndoPlan = { toDelete: [], toRestore: [], kept: [] };
  const created = await existingContacts(trx, businessId, changes.createdIds);
  const createdIds = created.map((contact) => contact.id);
  const history = await countHistoryBySource(trx, businessId, createdIds);
  const entries = await countLedgerEntries(trx, businessId, createdIds, committedAt);
  for (const contact of created) {
    const reason = createdContactReason(history.get(contact.id), entries.get(contact.id));
    if (reason) plan.kept.push({ ...contact, reason });
    else plan.toDelete.push(contact.id);
  }

  const present = new Map<string, { code: string; name: string; updated_at: string }>();
  for (const list of inLists(changes.updated.map((contact) => contact.id), IDS_PER_STATEMENT)) {
    const rows = await trx
      .selectFrom('contacts')
      .select(['id', 'code', 'name', 'updated_at'])
      .where('business_id', '=', businessId)
      .where('id', 'in', list)
      .execute();
    for (const row of rows) present.set(row.id, row);
  }
  for (const contact of changes.updated) {
    const row = present.get(contact.id);
    if (!row) plan.kept.push({ id: contact.id, code: contact.before.code ?? null, name: nameBefore(contact), reason: 'deleted' });
    else if (row.updated_at !== contact.updatedAt) plan.kept.push({ id: contact.id, code: row.code, name: row.name, reason: 'edited' });
    else plan.toRestore.push(contact);
  }
  return plan;
}

/**
 * Contacts still present, in the order of `ids`: one deleted by hand since
 * the import has nothing left to undo. On PostgreSQL the rows are locked,
 * so that no sale or payment can refer to them before the undo commits.
 */
async function existingContacts(trx: Executor, businessId: string, ids: string[]) {
  const found = new Map<string, { id: string; code: string; name: string }>();
  for (const list of inLists(ids, IDS_PER_STATEMENT)) {
    let query = trx
      .selectFrom('contacts')
      .select(['id', 'code', 'name'])
      .where('business_id', '=', businessId)
      .where('id', 'in', list);
    if (isPostgres(trx)) query = query.forUpdate();
    for (const row of await query.execute()) found.set(row.id, row);
  }
  return ids.flatMap((id) => found.get(id) ?? []);
}

interface EntryCounts {
  all: number;
  /** Opening balance entries written before the import's commit time. */
  importedOpening: number;
}

/** Counts the ledger entries of each contact, and those of them that the import's opening balances wrote. */
async function countLedgerEntries(trx: Executor, businessId: string, ids: string[], committedAt: string): Promise<Map<string, EntryCounts>> {
  const counts = new Map<string, EntryCounts>();
  for (const list of inLists(ids, IDS_PER_STATEMENT)) {
    const result = await sql<{ contact_id: string; all_entries: number | string; imported_opening: number | string }>`
      select contact_id, count(*) as all_entries,
        sum(case when type = 'opening_balance' and source_type = 'opening_balance' and created_at <= ${committedAt}
          then 1 else 0 end) as imported_opening
      from ledger_entries
      where business_id = ${businessId} and contact_id in (${sql.join(list)})
      group by contact_id`.execute(trx);
    for (const row of result.rows) {
      counts.set(row.contact_id, { all: Number(row.all_entries), importedOpening: Number(row.imported_opening) });
    }
  }
  return counts;
}

/**
 * Returns why a contact the import created must be kept, or null when it
 * has no history but the opening balance the import posted (one item, one
 * ledger entry written before the import's commit), which the undo deletes
 * with it.
 */
function createdContactReason(history: Map<string, number> | undefined, entries: EntryCounts | undefined): KeepReason | null {
  let total = 0;
  for (const count of history?.values() ?? []) total += count;
  const loyalty = history?.get('loyalty_movements') ?? 0;
  const others = total - loyalty;
  if (others > 0) {
    const importedBalanceOnly = others === 1 && entries?.all === 1 && entries.importedOpening === 1;
    if (!importedBalanceOnly) return 'transactions';
  }
  return loyalty > 0 ? 'loyalty' : null;
}

function nameBefore(contact: UpdatedContact): string | null {
  const { businessName, firstName, lastName } = contact.before;
  const person = [firstName, lastName].filter(Boolean).join(' ');
  return businessName || person || null;
}
