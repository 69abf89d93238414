/**
 * `GET /imports` and `GET /imports/{id}`: the business's latest imports,
 * newest first and without their rows' issues, and one import. Both first
 * mark interrupted the running imports whose process has stopped.
 */
import type { Db } from '../../db/database.ts';
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

export async function listImports(db: Db, businessId: string, limit: number, log?: RunLog): Promise<ImportSummary[]> {
  await markInterruptedImports(db, { businessId }, log);
  const rows = await db.kysely
    .selectFrom('imports')
    .select(['id', 'status', 'file_name', 'file_format', 'options', 'totals', 'created_at', 'committed_at', 'undone_at'])
    .where('business_id', '=', businessId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(limit, 1), MAX_LISTED_IMPORTS))
    .execute();
  return rows.map((row) => {
    const options = JSON.parse(row.options) as ImportOptions;
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
  });
}

/** Loads the import of the business, marked interrupted first if its process has stopped, or throws 404. */
export async function readImport(db: Db, businessId: string, id: string, log?: RunLog): Promise<ImportRecord> {
  await markInterruptedImports(db, { businessId, importId: id }, log);
  return loadImport(db.kysely, businessId, id);
}
