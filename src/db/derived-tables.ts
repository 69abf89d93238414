/**
 * Tables whose rows the database derives from other tables (search indexes
 * filled by triggers, for one), or that a migration fills with fixed rows.
 * Backups leave them out, because restoring the source rows fires the same
 * triggers and rebuilds them, and the migrations of the target database
 * write the fixed rows. A migration that adds such a table names it here.
 */
export const derivedTables = new Set<string>([
  // PostgreSQL search words, kept by triggers on `contacts` (migration 0015).
  'contact_words',
  // SQLite's folds of every character, written from the code by migration 0028.
  'fold_characters',
]);
