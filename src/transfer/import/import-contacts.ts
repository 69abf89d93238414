/**
 * The contacts a contact import created, updated or matched, kept in the
 * `import_contacts` table rather than in memory (migration 0021). A run
 * writes them in its own transaction as its chunks go, and reads them back
 * to leave its own contacts unmatched and to find the first row matched to
 * a contact. An undo reads them to know what to delete and to restore.
 */
import { inLists, insertRows } from '../../db/batches.ts';
import type { Executor } from '../../db/database.ts';
import type { ContactInput } from '../../contacts/model.ts';
import type { UpdatedContact } from './run-import.ts';
import type { ImportRecord } from './store.ts';

/** Records the contacts a chunk created, each with the file line of its row. */
export async function recordCreated(db: Executor, importId: string, created: readonly { contactId: string; line: number }[]): Promise<void> {
  await insertRows(db, 'import_contacts', created.map(({ contactId, line }) => ({
    import_id: importId, contact_id: contactId, line, change: 'created', before_values: null, updated_at: null,
  })));
}

/** Returns the ids among `contactIds` of the contacts the import created. */
export async function createdAmong(db: Executor, importId: string, contactIds: readonly string[]): Promise<Set<string>> {
  const created = new Set<string>();
  for (const list of inLists([...new Set(contactIds)])) {
    const rows = await db
      .selectFrom('import_contacts')
      .select('contact_id')
      .where('import_id', '=', importId)
      .where('contact_id', 'in', list)
      .where('change', '=', 'created')
      .execute();
    for (const row of rows) created.add(row.contact_id);
  }
  return created;
}

/** Returns the file line of the row first matched to the contact in upsert mode, if any. */
export async function matchedLine(db: Executor, importId: string, contactId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('import_contacts')
    .select('line')
    .where('import_id', '=', importId)
    .where('contact_id', '=', contactId)
    .where('change', '<>', 'created')
    .executeTakeFirst();
  return row ? Number(row.line) : undefined;
}

/** Records the row matched to an existing contact, before its update is tried. */
export async function recordMatched(db: Executor, importId: string, contactId: string, line: number): Promise<void> {
  await insertRows(db, 'import_contacts', [{
    import_id: importId, contact_id: contactId, line, change: 'matched', before_values: null, updated_at: null,
  }]);
}

/** Records that the matched contact was changed, with what an undo restores. */
export async function recordUpdated(db: Executor, importId: string, updated: UpdatedContact): Promise<void> {
  await db
    .updateTable('import_contacts')
    .set({ change: 'updated', before_values: JSON.stringify(updated.before), updated_at: updated.updatedAt })
    .where('import_id', '=', importId)
    .where('contact_id', '=', updated.id)
    .execute();
}

export interface ImportChanges {
  /** The contacts the import created, in file order. */
  createdIds: string[];
  /** The contacts it updated, in file order. */
  updated: UpdatedContact[];
}

/**
 * Loads what a committed contact import created and updated: from
 * `import_contacts`, and from the record's own lists for an import stored
 * before that table.
 */
export async function loadImportChanges(db: Executor, record: ImportRecord): Promise<ImportChanges> {
  const rows = await db
    .selectFrom('import_contacts')
    .select(['contact_id', 'change', 'before_values', 'updated_at'])
    .where('import_id', '=', record.id)
    .where('change', 'in', ['created', 'updated'])
    .orderBy('line')
    .execute();
  const changes: ImportChanges = { createdIds: [...record.createdIds], updated: [...record.updated] };
  for (const row of rows) {
    if (row.change === 'created') {
      changes.createdIds.push(row.contact_id);
    } else {
      const before = JSON.parse(row.before_values ?? '{}') as ContactInput;
      changes.updated.push({ id: row.contact_id, before, updatedAt: row.updated_at ?? '' });
    }
  }
  return changes;
}
