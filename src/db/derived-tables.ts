/**
 * Tables whose rows the database derives from other tables (search indexes
 * filled by triggers, for one). Backups leave them out, because restoring the
 * source rows fires the same triggers and rebuilds them. A migration that adds
 * such a table names it here.
 */
export const derivedTables = new Set<string>([
  // PostgreSQL search words, kept by triggers on `contacts` (migration 0015).
  'contact_words',
]);
