/**
 * Every table that points at a contact, and how a merge moves its rows to
 * the kept contact. A table added later with a `contact_id` column (or a
 * foreign key to `contacts`) belongs in this list: a test compares the list
 * with the database and fails on any table it misses.
 */

export type MoveMode =
  /** An UPDATE of the column. */
  | 'update'
  /** The contact is part of the row's key: rows the kept contact lacks move, the others go with the merged contact. */
  | 'union'
  /** The rows are figures derived from other rows and are computed again after the move. */
  | 'rebuild';

export interface ContactReference {
  table: string;
  column: string;
  mode: MoveMode;
  /** For `union`: the other key columns, besides business_id and the contact. */
  key?: string[];
  /** The name of the count in the merge result. */
  label: string;
}

export const contactReferences: readonly ContactReference[] = [
  { table: 'ledger_entries', column: 'contact_id', mode: 'update', label: 'ledgerEntries' },
  { table: 'ledger_totals', column: 'contact_id', mode: 'rebuild', label: 'ledgerTotals' },
  { table: 'documents', column: 'contact_id', mode: 'update', label: 'documents' },
  { table: 'payments', column: 'contact_id', mode: 'update', label: 'payments' },
  { table: 'open_items', column: 'contact_id', mode: 'update', label: 'openItems' },
  { table: 'allocations', column: 'contact_id', mode: 'update', label: 'allocations' },
  { table: 'loyalty_lots', column: 'contact_id', mode: 'update', label: 'loyaltyLots' },
  { table: 'loyalty_movements', column: 'contact_id', mode: 'update', label: 'loyaltyMovements' },
  { table: 'contact_notes', column: 'contact_id', mode: 'update', label: 'notes' },
  { table: 'contact_attachments', column: 'contact_id', mode: 'update', label: 'attachments' },
  { table: 'messages', column: 'contact_id', mode: 'update', label: 'messages' },
  { table: 'reminder_items', column: 'contact_id', mode: 'update', label: 'reminderItems' },
  { table: 'contact_assignments', column: 'contact_id', mode: 'union', key: ['user_id'], label: 'assignments' },
  { table: 'contact_channel_consents', column: 'contact_id', mode: 'union', key: ['channel'], label: 'channelConsents' },
  { table: 'reminder_holds', column: 'contact_id', mode: 'union', key: [], label: 'reminderHolds' },
];

/**
 * Tables that name contacts without following them. The audit log keeps
 * the history of the merged contacts under their own ids, and triggers
 * keep the search indexes (SQLite's documents, PostgreSQL's words). An
 * import keeps the contacts it created or updated as they were, so its undo
 * skips a merged contact instead of undoing the kept one. A merge never
 * reads a row of `deferred_contact_figures`, because only the transaction
 * that wrote one can read it, and that transaction deletes it before it
 * commits.
 */
export const unmovedReferences: readonly { table: string; column: string }[] = [
  { table: 'contact_fts_docs', column: 'contact_id' },
  { table: 'contact_words', column: 'contact_id' },
  { table: 'import_contacts', column: 'contact_id' },
  { table: 'deferred_contact_figures', column: 'contact_id' },
];
