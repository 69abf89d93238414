/**
 * Runs a sales import (or its preview) in one transaction. The file is read
 * and its rows gathered into sales first. Then each sale goes through the
 * use case that `POST /api/v1/sales` runs, so the customer's group price,
 * the credit limit, loyalty points and the ledger apply as for a typed sale.
 * A sale with a bad row is not imported at all, and every other row of it
 * says so. A preview, an `abort` import with invalid rows and a cancelled
 * import roll everything back. The customers' cached figures and ledger
 * totals are written once each, just before the commit, and so is each
 * reference counter (ledger/deferred-figures.ts and
 * ledger/deferred-references.ts). The run
 * keeps no list of its sales: each sale stores the import's id, by which
 * the undo finds them.
 */
import { sql } from 'kysely';
import { createDocument } from '../../../documents/create-document.ts';
import type { DocumentView } from '../../../documents/document-view.ts';
import type { DocumentInput } from '../../../documents/schemas.ts';
import type { Db, Executor } from '../../../db/database.ts';
import type { Actor } from '../../../ledger/actor.ts';
import { DeferredFigures } from '../../../ledger/deferred-figures.ts';
import { DeferredReferences } from '../../../ledger/deferred-references.ts';
import { isPostgres } from '../../../ledger/engine.ts';
import { isUniqueViolation } from '../../../auth/db-errors.ts';
import { AppError } from '../../../shared/errors.ts';
import type { MessageParams } from '../../../shared/messages.ts';
import { openTable, type OpenedTable } from '../../formats/table.ts';
import type { Progress } from '../jobs.ts';
import type { ImportOptions } from '../options.ts';
import { IMPORT_LIMITS, type ImportTotals, type RowIssue, type RunStatus } from '../run-import.ts';
import type { SaleImportField } from './fields.ts';
import { saleLookups, type SaleLookups } from './lookups.ts';
import { mapSaleColumns, type SaleColumnMapping } from './map-columns.ts';
import { SaleDrafts, type SaleDraft } from './sale-drafts.ts';
import { prepareSale, type SaleIssue } from './sale-input.ts';
import { useCaseIssues } from './sale-issues.ts';
import { readSaleRow, type SaleRow, type SaleRowContext } from './sale-rows.ts';

/**
 * Data rows in one sales file. The rows are held in memory until the file
 * is read, because the lines of a sale may be anywhere in it.
 */
export const SALES_IMPORT_ROWS = 50_000;

export interface SalesRunOutcome {
  status: RunStatus;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  headerLine: number | null;
  columns: SaleColumnMapping[];
  /** Rows are the file's lines; `created` counts sales. */
  totals: ImportTotals;
  errors: RowIssue<SaleImportField>[];
  warnings: RowIssue<SaleImportField>[];
  issuesTruncated: boolean;
  updated: [];
}

export interface SalesRunInput {
  importId: string;
  bytes: Buffer;
  options: ImportOptions;
  actor: Actor;
  /** The business's country, for reading customers' mobile numbers. */
  country: string;
  context: SaleRowContext;
  saved: Map<string, SaleImportField | null>;
  progress: Progress;
  signal: AbortSignal;
  onTick?: () => Promise<void>;
  beforeCommit?: (trx: Executor, outcome: SalesRunOutcome) => Promise<void>;
}

class Rollback extends Error {
  constructor(readonly outcome: SalesRunOutcome) {
    super('rollback');
  }
}

const YIELD_EVERY_SALES = 20;
const TICK_MS = 1000;

export async function runSalesImport(db: Db, input: SalesRunInput): Promise<SalesRunOutcome> {
  const table = await openTable(input.bytes, {
    encoding: input.options.encoding,
    delimiter: input.options.delimiter,
    headerLine: input.options.headerLine,
    maxRows: SALES_IMPORT_ROWS,
    maxUncompressedBytes: IMPORT_LIMITS.uncompressedBytes,
  });
  if (table.format === 'vcf') throw new AppError('import_sales_format');
  if (table.headerLine === null) throw new AppError('import_sales_header_missing');
  const columns = mapSaleColumns(table, { user: input.options.mapping, saved: input.saved });
  const outcome = emptyOutcome(table, columns);
  const state: RunState = { input, columns, outcome, lookups: null, figures: null, references: null };

  const drafts = await readDrafts(table, state);
  input.progress.done = 0;
  input.progress.total = outcome.totals.rows;
  try {
    await db.kysely.transaction().execute(async (trx) => {
      state.lookups = await saleLookups(trx, input.actor.businessId, input.country);
      state.figures = DeferredFigures.start(trx, input.actor.businessId);
      await lockFileCustomers(trx, drafts, state.lookups, input.actor.businessId);
      state.references = DeferredReferences.start(trx);
      await importSales(trx, drafts, state);
      // Rows without a reference were reported while reading: list every issue in file order.
      outcome.errors.sort((a, b) => a.line - b.line);
      outcome.warnings.sort((a, b) => a.line - b.line);
      if (input.signal.aborted) throw new Rollback(rolledBack(outcome, 'cancelled'));
      if (input.options.dryRun) throw new Rollback({ ...outcome, status: 'previewed' });
      if (outcome.totals.invalid > 0 && input.options.onInvalid === 'abort') throw new Rollback(rolledBack(outcome, 'failed'));
      await state.figures?.flush();
      await state.references?.flush();
      outcome.status = 'committed';
      await input.beforeCommit?.(trx, outcome);
    });
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    throw error;
  }
  return outcome;
}

interface RunState {
  input: SalesRunInput;
  columns: SaleColumnMapping[];
  outcome: SalesRunOutcome;
  lookups: SaleLookups | null;
  /** The customers' cached figures and ledger totals, written once each before the commit. */
  figures: DeferredFigures | null;
  /** The reference counters, written once each before the commit. */
  references: DeferredReferences | null;
}

function emptyOutcome(table: OpenedTable, columns: SaleColumnMapping[]): SalesRunOutcome {
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
    updated: [],
  };
}

function rolledBack(outcome: SalesRunOutcome, status: RunStatus): SalesRunOutcome {
  return { ...outcome, status, totals: { ...outcome.totals, created: 0 } };
}

/** Reads every row, reporting those without a reference, and gathers the others into sales. */
async function readDrafts(table: OpenedTable, state: RunState): Promise<SaleDraft[]> {
  const drafts = new SaleDrafts();
  for await (const raw of table.rows) {
    if (state.input.signal.aborted) break;
    state.outcome.totals.rows += 1;
    const row = readSaleRow(raw, state.columns, state.input.context);
    if (row.reference === null) {
      reject(state, [row], [{ row, field: 'reference', code: 'import_sale_reference_missing' }]);
      continue;
    }
    drafts.add({ ...row, reference: row.reference });
    if (state.outcome.totals.rows % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return drafts.list();
}

/**
 * PostgreSQL: locks every customer the file names, in id order, before the
 * import takes its first reference number. A sale or payment typed meanwhile
 * locks its customer before it takes a number too, so the two take their
 * locks in the same order. Before, the import kept the counter locked while
 * it waited for a customer that such a sale had locked, and PostgreSQL broke
 * the deadlock by failing one of them. SQLite writes one transaction at a
 * time, so it needs nothing.
 */
async function lockFileCustomers(trx: Executor, drafts: SaleDraft[], lookups: SaleLookups, businessId: string): Promise<void> {
  if (!isPostgres(trx)) return;
  const ids = new Set<string>();
  for (const draft of drafts) {
    const text = draft.values.customer;
    if (text === undefined) continue;
    const match = await lookups.customer(text);
    if (match.kind === 'one') ids.add(match.id);
  }
  const sorted = [...ids].sort();
  // PostgreSQL locks the rows as the sorted scan returns them, so in id order.
  for (let start = 0; start < sorted.length; start += LOCK_BATCH) {
    await trx
      .selectFrom('contacts')
      .select('id')
      .where('business_id', '=', businessId)
      .where('id', 'in', sorted.slice(start, start + LOCK_BATCH))
      .orderBy('id')
      .forUpdate()
      .execute();
  }
}

/** Customers locked by one statement, well under PostgreSQL's limit of parameters. */
const LOCK_BATCH = 1_000;

async function importSales(trx: Executor, drafts: SaleDraft[], state: RunState): Promise<void> {
  const { input } = state;
  let lastTick = Date.now();
  for (const [index, draft] of drafts.entries()) {
    if (input.signal.aborted) return;
    await importSale(trx, draft, state);
    input.progress.done += draft.rows.length;
    if ((index + 1) % YIELD_EVERY_SALES === 0) {
      // better-sqlite3 runs queries synchronously: without this the event
      // loop would serve no other request (nor a cancel) until the end.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (input.onTick && Date.now() - lastTick >= TICK_MS) {
      lastTick = Date.now();
      await input.onTick();
    }
  }
}

async function importSale(trx: Executor, draft: SaleDraft, state: RunState): Promise<void> {
  const cellIssues: SaleIssue[] = [
    ...draft.rows.flatMap((row) => row.issues.map((issue) => ({ row, field: issue.field, code: issue.code, params: issue.params }))),
    ...draft.conflicts.map(({ row, issue }) => ({ row, field: issue.field, code: issue.code, params: issue.params })),
  ];
  if (cellIssues.length > 0) return reject(state, draft.rows, cellIssues);

  const { input } = state;
  const prepared = await prepareSale(draft, state.lookups as SaleLookups, input.context.currency);
  if (!prepared.ok) return reject(state, draft.rows, prepared.issues);

  const figures = state.figures as DeferredFigures;
  const references = state.references as DeferredReferences;
  if (prepared.input.contactId) await figures.defer(prepared.input.contactId);
  // A savepoint per sale: a sale that fails half-way leaves nothing behind,
  // and on PostgreSQL a failed statement does not abort the whole import.
  await sql`savepoint import_sale`.execute(trx);
  figures.savepoint();
  references.savepoint();
  try {
    const origin = { importId: input.importId, sourceReference: draft.reference, paidInFullBy: prepared.paidInFullBy };
    const sale = await createDocument(trx, input.actor, 'sale', prepared.input, origin);
    await sql`release savepoint import_sale`.execute(trx);
    figures.release();
    references.release();
    accept(state, draft, sale, prepared.input);
  } catch (error) {
    await sql`rollback to savepoint import_sale`.execute(trx);
    figures.rollback();
    references.rollback();
    if (isReferenceTaken(error)) return rejectTakenReference(state, draft);
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    reject(state, draft.rows, useCaseIssues(draft, error));
  }
}

/**
 * Tells whether the sale's file reference was taken by another transaction
 * after the check before saving: on PostgreSQL, a preview that runs while
 * an import of the same file commits waits on the unique index, then fails.
 */
// NOTE: no test provokes this race; the index, not this branch, keeps references unique.
function isReferenceTaken(error: unknown): boolean {
  if (!isUniqueViolation(error)) return false;
  const { constraint, message } = error as { constraint?: string; message?: string };
  return constraint === 'documents_source_reference' || (message ?? '').includes('source_reference');
}

async function rejectTakenReference(state: RunState, draft: SaleDraft): Promise<void> {
  const number = (await state.lookups?.usedReference(draft.reference)) ?? '?';
  const row = draft.rows[0] as SaleRow;
  reject(state, draft.rows, [{ row, field: 'reference', code: 'import_sale_reference_used', params: { value: draft.reference, number } }]);
}

/**
 * Counts the created sale and warns where the customer's group price
 * replaced a price the file gave, as it replaces a price sent to the API.
 */
function accept(state: RunState, draft: SaleDraft, sale: DocumentView, sent: DocumentInput): void {
  const { outcome } = state;
  outcome.totals.valid += draft.rows.length;
  outcome.totals.created += 1;

  const warnings: SaleIssue[] = [];
  draft.rows.forEach((row, index) => {
    const line = sale.lines[index];
    let given: SaleImportField | null = null;
    if (row.item.unitPrice !== null) given = 'unitPrice';
    else if (row.item.unitPriceWithTax !== null) given = 'unitPriceWithTax';
    if (!line || line.listPrice === null || given === null || sent.lines[index]?.[given] === line[given]) return;
    const code = given === 'unitPrice' ? 'import_sale_group_price' : 'import_sale_group_price_with_tax';
    warnings.push({ row, field: given, code, params: { price: line[given], listPrice: line.listPrice } });
  });
  for (const warning of sale.warnings) {
    const { limit, exposure, amount } = warning;
    warnings.push({ row: draft.rows[0] as SaleRow, field: null, code: 'import_sale_credit_warning', params: { limit, exposure, amount } });
  }
  addIssues(state, 'warnings', warnings);
}

/**
 * Counts the sale's rows as invalid and reports its issues. Each row of the
 * sale without an issue of its own gets one naming the rows that have some.
 */
function reject(state: RunState, rows: SaleRow[], issues: SaleIssue[]): void {
  state.outcome.totals.invalid += rows.length;
  const badLines = [...new Set(issues.map((issue) => issue.row.line))].sort((a, b) => a - b);
  const reference = rows[0]?.reference ?? '';
  const others = rows
    .filter((row) => !badLines.includes(row.line))
    .map((row): SaleIssue => ({ row, field: null, code: 'import_sale_not_imported', params: { reference, lines: badLines.join(', '), count: badLines.length } }));
  addIssues(state, 'errors', [...issues, ...others].sort((a, b) => a.row.line - b.row.line));
}

function addIssues(state: RunState, list: 'errors' | 'warnings', issues: SaleIssue[]): void {
  const target = state.outcome[list];
  for (const issue of issues) {
    if (target.length >= IMPORT_LIMITS.reportedIssues) {
      state.outcome.issuesTruncated = true;
      return;
    }
    target.push(rowIssue(state.columns, issue.row, issue.field, issue.code, issue.params));
  }
}

function rowIssue(
  columns: SaleColumnMapping[],
  row: SaleRow,
  field: SaleImportField | null,
  code: string,
  params?: MessageParams,
): RowIssue<SaleImportField> {
  const column = field ? columns.find((candidate) => candidate.field === field) : undefined;
  return {
    line: row.line,
    column: column ? column.header || column.key : null,
    field,
    value: field ? row.texts.get(field) ?? null : null,
    code,
    ...(params ? { params } : {}),
  };
}
