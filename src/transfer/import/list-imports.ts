/**
 * `GET /imports` and `GET /imports/{id}`: the latest imports the caller may
 * see, newest first and without their rows' issues, and one import. Both
 * first mark interrupted the running imports whose process has stopped.
 */
import type { ContactActor } from '../../contacts/visibility.ts';
import type { Db } from '../../db/database.ts';
import type { ColumnMapping } from '../mapping/auto-map.ts';
import { mayViewImport, requireImportVisible } from './access.ts';
import { markInterruptedImports, type RunLog } from './interrupted-runs.ts';
import { type ImportKind, importKindOf, type ImportOptions } from './options.ts';
import type { ImportTotals } from './run-import.ts';
import { type ImportRecord, type ImportStatus, loadImport } from './store.ts';

export const MAX_LISTED_IMPORTS = 100;

export interface ImportSummary {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string;
  format: string | null;
  totals: ImportTotals;
  createdAt: string;
  committedAt: string | null;
  undoneAt: string | null;
  /** The last run was a preview, whose file an interruption has dropped. */
  preview: boolean;
}

/** Imports read per query while the list skips those the actor may not see. */
const LIST_BATCH = 200;

/**
 * Lists the latest imports the actor may see (access.ts), newest first.
 * Rows are read in batches, from newest to oldest, until `limit` of them
 * are visible, because visibility depends on each import's options and columns.
 */
export async function listImports(db: Db, actor: ContactActor, limit: number, log?: RunLog): Promise<ImportSummary[]> {
  const businessId = actor.businessId;
  await markInterruptedImports(db, { businessId }, log);
  const maxItems = Math.min(Math.max(limit, 1), MAX_LISTED_IMPORTS);
  const items: ImportSummary[] = [];
  let after: { createdAt: string; id: string } | null = null;
  while (items.length < maxItems) {
    let query = db.kysely
      .selectFrom('imports')
      .select(['id', 'user_id', 'status', 'file_name', 'file_format', 'options', 'columns', 'totals', 'created_at', 'committed_at', 'undone_at'])
      .where('business_id', '=', businessId);
    if (after) {
      const { createdAt, id } = after;
      query = query.where((eb) => eb.or([
        eb('created_at', '<', createdAt),
        eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
      ]));
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(LIST_BATCH).execute();
    for (const row of rows) {
      const options = JSON.parse(row.options) as ImportOptions;
      const columns = JSON.parse(row.columns) as ColumnMapping<string>[];
      if (!mayViewImport(actor, { options, columns, userId: row.user_id })) continue;
      items.push(summaryOf(row, options));
      if (items.length === maxItems) break;
    }
    const last = rows.at(-1);
    if (rows.length < LIST_BATCH || !last) break;
    after = { createdAt: last.created_at, id: last.id };
  }
  return items;
}

function summaryOf(
  row: { id: string; status: string; file_name: string; file_format: string | null; totals: string; created_at: string; committed_at: string | null; undone_at: string | null },
  options: ImportOptions,
): ImportSummary {
  return {
    id: row.id,
    kind: importKindOf(options),
    status: row.status as ImportStatus,
    fileName: row.file_name,
    format: row.file_format,
    totals: JSON.parse(row.totals) as ImportTotals,
    createdAt: row.created_at,
    committedAt: row.committed_at,
    undoneAt: row.undone_at,
    preview: options.dryRun === true,
  };
}

/**
 * Loads the import of the business, marked interrupted first if its process
 * has stopped. Throws 404 when it does not exist or the actor may not see it.
 */
export async function readImport(db: Db, actor: ContactActor, id: string, log?: RunLog): Promise<ImportRecord> {
  await markInterruptedImports(db, { businessId: actor.businessId, importId: id }, log);
  const record = await loadImport(db.kysely, actor.businessId, id);
  requireImportVisible(actor, record);
  return record;
}
