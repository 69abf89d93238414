/**
 * Runs an import (or its preview) in one transaction. Rows go in chunks
 * through the contact use cases that the API calls: `createContacts`, and
 * `updateContact` for a match in upsert mode. So an imported contact obeys
 * every rule a typed one does, and its opening balance is posted to the
 * ledger. A preview, an `abort` import with invalid rows and a cancelled
 * import roll everything back, so the counts reported are what the database
 * contains. The contacts created or updated, and the keys already seen, go
 * to the import's tables in the same transaction (import-contacts.ts,
 * key-lines.ts), so that memory does not grow with the rows.
 */
import type { ContactBusiness } from '../../contacts/validate.ts';
import type { ContactActor } from '../../contacts/visibility.ts';
import type { ContactInput } from '../../contacts/model.ts';
import type { Db, Executor } from '../../db/database.ts';
import type { MessageParams } from '../../shared/messages.ts';
import { openTable, type OpenedTable } from '../formats/table.ts';
import { type ColumnMapping, mapColumns } from '../mapping/auto-map.ts';
import { type ImportField, parseLabels } from '../mapping/fields.ts';
import { checkAgainstFile, Chunk, importChunk, pendingRow } from './import-chunk.ts';
import { FileKeyLines } from './key-lines.ts';
import { type RowContext, rowInput } from './row-input.ts';
import type { RowState } from './row-issues.ts';
import { contactMapping, type ImportOptions } from './options.ts';
import type { Progress } from './jobs.ts';

export const IMPORT_LIMITS = {
  /** Largest upload accepted, in bytes. */
  fileBytes: 25 * 1024 * 1024,
  /** Data rows in one file. */
  rows: 250_000,
  /** Uncompressed size of all entries of an XLSX or ODS file, in bytes. */
  uncompressedBytes: 400 * 1024 * 1024,
  /** Row errors and warnings kept with the import; the totals still count them all. */
  reportedIssues: 10_000,
} as const;

export interface RowIssue<Field extends string = ImportField> {
  line: number;
  /** The header of the column (or `#N`), null when the issue concerns no single column. */
  column: string | null;
  field: Field | null;
  value: string | null;
  code: string;
  params?: MessageParams;
}

export interface ImportTotals {
  rows: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  skipped: number;
}

export interface UpdatedContact {
  id: string;
  /** Writable fields before the import, restored by an undo. */
  before: ContactInput;
  /** `updatedAt` the import left, so an undo detects later changes. */
  updatedAt: string;
}

export type RunStatus = 'previewed' | 'committed' | 'failed' | 'cancelled';

export interface RunOutcome {
  status: RunStatus;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  headerLine: number | null;
  columns: ColumnMapping[];
  totals: ImportTotals;
  errors: RowIssue[];
  warnings: RowIssue[];
  issuesTruncated: boolean;
}

export interface RunInput {
  importId: string;
  bytes: Buffer;
  options: ImportOptions;
  actor: ContactActor;
  business: ContactBusiness;
  context: RowContext;
  saved: Map<string, ImportField | null>;
  progress: Progress;
  signal: AbortSignal;
  /** Data rows accepted in the file, when a benchmark goes past `IMPORT_LIMITS.rows`. */
  maxRows?: number;
  /** Called about once a second while rows are processed (persists progress, reads cancel requests). */
  onTick?: () => Promise<void>;
  /** Runs in the import's transaction just before it commits, to store the outcome with the data. */
  beforeCommit?: (trx: Executor, outcome: RunOutcome) => Promise<void>;
}

/** Thrown inside the transaction to roll it back with an outcome. */
class Rollback extends Error {
  constructor(readonly outcome: RunOutcome) {
    super('rollback');
  }
}

/**
 * Tables that a contact import or its undo writes in bulk, analysed after a
 * large one (`analyzeAfterBulkChange`). `contact_words` is PostgreSQL's
 * search index, filled by triggers on `contacts`.
 */
export const contactImportTables = [
  'contacts', 'contact_words', 'contact_assignments', 'ledger_entries', 'open_items', 'ledger_totals', 'import_contacts',
] as const;

const YIELD_EVERY_ROWS = 50;
const TICK_MS = 1000;

/**
 * Rows looked up and created together. A chunk of new rows is then one
 * INSERT of the largest size `insertRows` uses. Larger chunks would save few
 * statements more, and the event loop waits for a whole chunk's writes on
 * SQLite.
 */
export const CHUNK_ROWS = 256;

export async function runImport(db: Db, input: RunInput): Promise<RunOutcome> {
  const table = await openTable(input.bytes, {
    encoding: input.options.encoding,
    delimiter: input.options.delimiter,
    headerLine: input.options.headerLine,
    maxRows: input.maxRows ?? IMPORT_LIMITS.rows,
    maxUncompressedBytes: IMPORT_LIMITS.uncompressedBytes,
  });
  const columns = mapColumns(table, {
    user: contactMapping(input.options),
    saved: input.saved,
    customLabels: parseLabels(input.business.custom_field_labels),
  });
  const outcome = emptyOutcome(table, columns);

  try {
    await db.kysely.transaction().execute(async (trx) => {
      await importRows(trx, table, columns, input, outcome);
      if (input.signal.aborted) throw new Rollback(rolledBack(outcome, 'cancelled'));
      if (input.options.dryRun) throw new Rollback({ ...outcome, status: 'previewed' });
      if (outcome.totals.invalid > 0 && input.options.onInvalid === 'abort') {
        throw new Rollback(rolledBack(outcome, 'failed'));
      }
      outcome.status = 'committed';
      await input.beforeCommit?.(trx, outcome);
    });
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    throw error;
  }
  return outcome;
}

function emptyOutcome(table: OpenedTable, columns: ColumnMapping[]): RunOutcome {
  return {
    status: 'committed',
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    headerLine: table.headerLine,
    columns,
    totals: { rows: 0, valid: 0, invalid: 0, created: 0, updated: 0, skipped: 0 },
    errors: [],
    warnings: [],
    issuesTruncated: false,
  };
}

/** Returns the outcome of a rolled-back run, where nothing was created or updated. */
function rolledBack(outcome: RunOutcome, status: RunStatus): RunOutcome {
  return {
    ...outcome,
    status,
    totals: { ...outcome.totals, created: 0, updated: 0, skipped: 0 },
  };
}

async function importRows(
  trx: Executor,
  table: OpenedTable,
  columns: ColumnMapping[],
  input: RunInput,
  outcome: RunOutcome,
): Promise<void> {
  const mapped = new Set(columns.flatMap((column) => (column.field ? [column.field] : [])));
  const state: RowState = { columns, mapped, seen: new FileKeyLines(trx, input.importId), input, outcome };
  const chunk = new Chunk();
  let lastTick = Date.now();
  const flush = async () => {
    await importChunk(trx, chunk.rows, state);
    chunk.clear();
    input.progress.done = outcome.totals.valid + outcome.totals.invalid;
  };

  for await (const row of table.rows) {
    if (input.signal.aborted) return;
    outcome.totals.rows += 1;
    const pending = pendingRow(state, rowInput(row, columns, input.context));
    // A row that repeats a key of the chunk waits until the chunk's rows are accepted or rejected.
    if (chunk.clashes(pending)) await flush();
    await checkAgainstFile(state, pending);
    chunk.add(pending);
    if (chunk.rows.length >= CHUNK_ROWS) await flush();

    if (outcome.totals.rows % YIELD_EVERY_ROWS === 0) {
      // better-sqlite3 runs queries synchronously, so without this the event
      // loop would not serve other requests (or a cancel) until the end.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (input.onTick && Date.now() - lastTick >= TICK_MS) {
      lastTick = Date.now();
      await input.onTick();
    }
  }
  if (!input.signal.aborted) await flush();
  await state.seen.clear();
}
