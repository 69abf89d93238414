/** Recognises the database errors that the settings use cases turn into problem responses. */

/** Returns whether a unique index rejected the row (PostgreSQL code 23505, or SQLite's constraint codes). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
