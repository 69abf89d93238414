/**
 * Every contact a list's filters and search keep, in the list's sort order
 * (by name without one, and not by relevance), read in keyset pages, so that an export of a million contacts keeps one
 * page in memory at a time.
 */
import type { Executor } from '../../db/database.ts';
import type { ContactRow } from '../../db/schema.ts';
import type { ContactFilters } from '../../contacts/search/filters.ts';
import { listConditions, listContext } from '../../contacts/search/list-rows.ts';
import { afterCursor, encodeSortCursor, sortColumn, type SortSpec } from '../../contacts/search/sort.ts';
import type { ContactActor } from '../../contacts/visibility.ts';

/**
 * Rows per query. Pages this small are garbage before V8's young generation
 * promotes them, which keeps a million-row export near its starting memory
 * (1,000-row pages raised the peak by about 100 MiB in bench/export.bench.ts).
 */
const PAGE_ROWS = 250;

export async function* exportedContacts(
  db: Executor,
  actor: ContactActor,
  filters: ContactFilters,
  sort: SortSpec = { field: 'name', order: 'asc' },
): AsyncGenerator<ContactRow[]> {
  const context = await listContext(db, actor, filters);
  let cursor: string | null = null;
  for (;;) {
    let query = db
      .selectFrom('contacts')
      .selectAll('contacts')
      .where((eb) => eb.and(listConditions(actor, filters, context)));
    if (cursor) query = query.where(afterCursor(sort, cursor));
    const rows = await query
      .orderBy(sortColumn(sort.field), sort.order)
      .orderBy('contacts.id', sort.order)
      .limit(PAGE_ROWS)
      .execute();
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE_ROWS) return;
    cursor = encodeSortCursor(sort, rows[rows.length - 1] as ContactRow);
  }
}
