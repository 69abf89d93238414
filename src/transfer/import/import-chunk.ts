/**
 * Imports a chunk of contact rows with a few statements: one lookup of the
 * existing contacts for the whole chunk, and `createContacts` for the new
 * ones, while an update still goes through `updateContact`. The results are
 * those of importing the rows one at a time. A chunk never contains two
 * rows that share a code or a loyalty card, since the reader starts a new
 * chunk instead, and each row's result lands in the outcome in file order.
 *
 * Rows may share an e-mail, a mobile or a tax number (a couple, a family, a
 * company's switchboard), as contacts typed in the app may. Such a shared
 * value is an error only when it makes two rows match the same existing
 * contact in upsert mode, or makes a row's match ambiguous. Contacts that
 * the import itself created are never matched.
 */
import { sql } from 'kysely';
import { ContactBatchConflict } from '../../contacts/contact-errors.ts';
import { lockCardKeys } from '../../contacts/duplicates.ts';
import type { ContactWriteResult } from '../../contacts/create-contact.ts';
import { type CreateOutcome, createContacts } from '../../contacts/create-contacts.ts';
import type { ContactInput } from '../../contacts/model.ts';
import { serializeWithAssignments } from '../../contacts/serialize.ts';
import { updateContact, writableView } from '../../contacts/update-contact.ts';
import type { Executor } from '../../db/database.ts';
import { cardKeyExpression } from '../../db/migrations/0008_contact_duplicates.ts';
import type { ContactRow } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import { createdAmong, matchedLine, recordCreated, recordMatched, recordUpdated } from './import-contacts.ts';
import { findMatches, keyStrings, type MatchResult, type RowKeys, rowKeys, type RowMatch } from './match.ts';
import type { MatchKey } from './options.ts';
import type { RowInput } from './row-input.ts';
import {
  acceptRow, addResultWarnings, addWarnings, cellIssue, type FileKey, findDuplicateInFile, rejectRow, rowIssue,
  type RowState, uniqueKeys, useCaseIssues,
} from './row-issues.ts';
import type { RowIssue, UpdatedContact } from './run-import.ts';
import { nameForActor, namesDiffer, personKeys } from './same-person.ts';

/** A row read from the file, waiting in a chunk. */
export interface PendingRow {
  converted: RowInput;
  /** Null for a row with unreadable cells, which is rejected before any lookup. */
  keys: RowKeys | null;
  /** The key values no later row of the file may repeat, once this row is accepted. */
  fileKeys: FileKey[];
  /** Set when the row is rejected before any lookup. */
  rejected: RowIssue[] | null;
}

type RowResult =
  | { kind: 'rejected'; issues: RowIssue[] }
  | { kind: 'existing'; contact: ContactRow; visibleName: string | null }
  | { kind: 'created'; id: string; result: Pick<ContactWriteResult, 'warnings'> }
  | { kind: 'updated'; result: ContactWriteResult; changed: UpdatedContact | null }
  | { kind: 'failed'; error: AppError };

/** Reads a row's keys. The duplicate check against earlier rows waits for `checkAgainstFile`. */
export function pendingRow(state: RowState, converted: RowInput): PendingRow {
  if (converted.issues.length > 0) {
    const issues = converted.issues.map((issue) => cellIssue(state, converted, issue));
    return { converted, keys: null, fileKeys: [], rejected: issues };
  }
  const keys = rowKeys(converted.input, state.input.business.country);
  const fileKeys = keyStrings(keys, uniqueKeys);
  return { converted, keys, fileKeys, rejected: null };
}

/** Rejects the row when an accepted row of the file already had one of its keys. */
export async function checkAgainstFile(state: RowState, row: PendingRow): Promise<void> {
  if (row.rejected) return;
  const duplicate = await findDuplicateInFile(state, row.converted, row.fileKeys);
  if (duplicate) row.rejected = [duplicate];
}

/** Rows of one chunk, and the keys of those that may still be accepted. */
export class Chunk {
  readonly rows: PendingRow[] = [];
  private readonly keys = new Set<string>();

  /** Whether the row shares a key with a row of the chunk, so that it must wait for the chunk's results. */
  clashes(row: PendingRow): boolean {
    return row.fileKeys.some(({ key, value }) => this.keys.has(`${key}:${value}`));
  }

  add(row: PendingRow): void {
    this.rows.push(row);
    if (row.rejected) return;
    for (const { key, value } of row.fileKeys) this.keys.add(`${key}:${value}`);
  }

  clear(): void {
    this.rows.length = 0;
    this.keys.clear();
  }
}

export async function importChunk(trx: Executor, rows: readonly PendingRow[], state: RowState): Promise<void> {
  // One lock for every card of the chunk, taken before the updates check
  // their cards one contact at a time (see `lockCardKeys`).
  const cards = rows.map((row) => row.converted.input.loyaltyCardNumber);
  await lockCardKeys(trx, state.input.business.id, cards, 'batch');
  const results = new Array<RowResult>(rows.length);
  let start = 0;
  while (start < rows.length) start = await importFrom(trx, rows, start, results, state);
  for (const [i, row] of rows.entries()) {
    const result = results[i] as RowResult;
    if (result.kind === 'failed') results[i] = await explainTakenKeys(trx, state, row, result.error);
  }
  rows.forEach((row, i) => record(state, row, results[i] as RowResult));
  await state.seen.flush();
}

/**
 * Decides a row that matched one existing contact. A match by a key that
 * names one person (code, card, tax number) whose name differs from the
 * row's is an error, in both modes. In create mode the row is then skipped
 * as existing. In upsert mode a second row matched to the same contact is
 * an error naming the first line, and the first row updates the contact.
 */
async function decideMatch(
  trx: Executor,
  row: PendingRow,
  found: Extract<MatchResult, { kind: 'one' }>,
  state: RowState,
): Promise<RowResult | 'update'> {
  const { contact, by } = found;
  if (personKeys.has(by) && namesDiffer(row.converted.input, contact)) {
    return { kind: 'rejected', issues: [await otherPersonIssue(trx, state, row, by, contact)] };
  }
  if (state.input.options.mode === 'create') {
    return { kind: 'existing', contact, visibleName: await nameForActor(trx, state.input.actor, contact) };
  }
  const { importId } = state.input;
  const firstLine = await matchedLine(trx, importId, contact.id);
  if (firstLine !== undefined) {
    return { kind: 'rejected', issues: [rowIssue(state, row.converted, by, 'import_same_contact', { line: firstLine, key: by })] };
  }
  await recordMatched(trx, importId, contact.id, row.converted.line);
  return 'update';
}

const otherPersonCode: Partial<Record<MatchKey, string>> = {
  code: 'import_code_other_person',
  loyaltyCardNumber: 'import_card_other_person',
  taxNumber: 'import_tax_number_other_person',
};

/**
 * Builds the error of a row whose code, card or tax number is another
 * contact's, named only if the actor may view it. The contact's id is
 * stored too, so that a later reader gets the name only if they may view it.
 */
async function otherPersonIssue(trx: Executor, state: RowState, row: PendingRow, key: MatchKey, contact: ContactRow): Promise<RowIssue> {
  const name = await nameForActor(trx, state.input.actor, contact);
  const value = row.converted.values.get(key) ?? '';
  return rowIssue(state, row.converted, key, otherPersonCode[key] ?? 'import_code_other_person', { value, name, contactId: contact.id });
}

/**
 * Rewords the use case's error for a code or card that another contact
 * has (when the import does not match on it): the message then names that
 * contact only if the actor may view it, and tells what to do with the column.
 */
async function explainTakenKeys(trx: Executor, state: RowState, row: PendingRow, error: AppError): Promise<RowResult> {
  const issues = useCaseIssues(state, row.converted, error);
  const takenKeys: Partial<Record<string, { key: 'code' | 'loyaltyCardNumber'; column: 'code' | 'loyalty_card_number' }>> = {
    code_taken: { key: 'code', column: 'code' },
    duplicate_loyalty_card: { key: 'loyaltyCardNumber', column: 'loyalty_card_number' },
  };
  if (!issues.some((issue) => takenKeys[issue.code])) return { kind: 'failed', error };
  const explained: RowIssue[] = [];
  for (const issue of issues) {
    const key = takenKeys[issue.code];
    const value = key ? row.keys?.[key.key] ?? null : null;
    const owner = key && value ? await ownerOf(trx, state.input.business.id, key.column, value) : undefined;
    if (!key || !owner) {
      explained.push(issue);
      continue;
    }
    explained.push(await otherPersonIssue(trx, state, row, key.key, owner));
  }
  return { kind: 'rejected', issues: explained };
}

/** Loads the oldest contact whose code, or whose card key for the card column, is `value`. */
async function ownerOf(trx: Executor, businessId: string, column: 'code' | 'loyalty_card_number', value: string) {
  const compared = column === 'loyalty_card_number' ? sql.raw<string>(cardKeyExpression) : sql.ref(column);
  return trx.selectFrom('contacts').selectAll().where('business_id', '=', businessId).where(compared, '=', value)
    .orderBy('id').executeTakeFirst();
}

/**
 * Decides the rows from `start` on with one lookup. It stops after a row
 * that updates a contact which a later row's lookup also read, and returns
 * the position of the first row it did not decide.
 */
async function importFrom(
  trx: Executor,
  rows: readonly PendingRow[],
  start: number,
  results: RowResult[],
  state: RowState,
): Promise<number> {
  const { input } = state;
  const matches = await lookUp(trx, rows, start, state);
  const creates: number[] = [];
  for (let i = start; i < rows.length; i += 1) {
    const row = rows[i] as PendingRow;
    const found = matches.get(i)?.match ?? { kind: 'none' as const };
    if (row.rejected) {
      results[i] = { kind: 'rejected', issues: row.rejected };
    } else if (found.kind === 'several') {
      const issue = rowIssue(state, row.converted, null, 'matches_several', { codes: found.codes.join(', ') });
      results[i] = { kind: 'rejected', issues: [issue] };
    } else if (found.kind === 'one') {
      const decision = await decideMatch(trx, row, found, state);
      if (decision !== 'update') {
        results[i] = decision;
        continue;
      }
      // Rows before an update are created first, as they come first in the file.
      await createRows(trx, rows, creates.splice(0), results, state);
      results[i] = await updateRow(trx, row, found.contact, state);
      if (readByLaterRow(matches, i, found.contact.id)) return i + 1;
    } else {
      creates.push(i);
    }
  }
  await createRows(trx, rows, creates, results, state);
  return rows.length;
}

/** Looks up the rows from `start` on that have a key to match. */
async function lookUp(trx: Executor, rows: readonly PendingRow[], start: number, state: RowState): Promise<Map<number, RowMatch>> {
  const { business, options } = state.input;
  const positions: number[] = [];
  const keys: RowKeys[] = [];
  for (let i = start; i < rows.length; i += 1) {
    const row = rows[i] as PendingRow;
    if (row.rejected || !row.keys || keyStrings(row.keys, options.matchOn).length === 0) continue;
    positions.push(i);
    keys.push(row.keys);
  }
  const createdHere = (contactIds: string[]) => createdAmong(trx, state.input.importId, contactIds);
  const found = keys.length > 0 ? await findMatches(trx, business.id, keys, options.matchOn, createdHere) : [];
  return new Map(positions.map((position, i) => [position, found[i] as RowMatch]));
}

/** Returns whether a row after `position` read the contact, whose keys and values the update may have changed. */
function readByLaterRow(matches: Map<number, RowMatch>, position: number, contactId: string): boolean {
  for (const [i, found] of matches) {
    if (i > position && found.candidates.includes(contactId)) return true;
  }
  return false;
}

function writeOptions(state: RowState) {
  return { business: state.input.business, auditDetail: { importId: state.input.importId } };
}

async function inSavepoint<T>(trx: Executor, name: string, work: () => Promise<T>): Promise<T> {
  await sql`savepoint ${sql.raw(name)}`.execute(trx);
  try {
    const result = await work();
    await sql`release savepoint ${sql.raw(name)}`.execute(trx);
    return result;
  } catch (error) {
    await sql`rollback to savepoint ${sql.raw(name)}`.execute(trx);
    await sql`release savepoint ${sql.raw(name)}`.execute(trx);
    throw error;
  }
}

/**
 * Creates the rows at `positions` as one batch. A savepoint covers the
 * batch: if a concurrent transaction took a code or card meanwhile, the
 * batch is rolled back and its rows are created one at a time, so only
 * the row that lost gets the error.
 */
async function createRows(
  trx: Executor,
  rows: readonly PendingRow[],
  positions: number[],
  results: RowResult[],
  state: RowState,
): Promise<void> {
  if (positions.length === 0) return;
  const inputs = positions.map((i) => (rows[i] as PendingRow).converted.input);
  let outcomes: CreateOutcome[];
  try {
    outcomes = await inSavepoint(trx, 'import_rows', () => createContacts(trx, state.input.actor, inputs, writeOptions(state)));
  } catch (error) {
    if (error instanceof ContactBatchConflict) {
      for (const i of positions) await createOne(trx, rows[i] as PendingRow, i, results, state);
      return;
    }
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    for (const i of positions) results[i] = { kind: 'failed', error };
    return;
  }
  const created: { contactId: string; line: number }[] = [];
  positions.forEach((position, i) => {
    const outcome = outcomes[i] as CreateOutcome;
    if (outcome.ok) created.push({ contactId: outcome.contact.id, line: (rows[position] as PendingRow).converted.line });
    results[position] = outcome.ok
      ? { kind: 'created', id: outcome.contact.id, result: outcome }
      : { kind: 'failed', error: outcome.error };
  });
  await recordCreated(trx, state.input.importId, created);
}

async function createOne(trx: Executor, row: PendingRow, position: number, results: RowResult[], state: RowState): Promise<void> {
  const input: ContactInput = row.converted.input;
  try {
    const [outcome] = await inSavepoint(trx, 'import_row', () => createContacts(trx, state.input.actor, [input], writeOptions(state)));
    if (!outcome) throw new Error('createContacts returned no outcome for one input');
    if (outcome.ok) await recordCreated(trx, state.input.importId, [{ contactId: outcome.contact.id, line: row.converted.line }]);
    results[position] = outcome.ok
      ? { kind: 'created', id: outcome.contact.id, result: outcome }
      : { kind: 'failed', error: outcome.error };
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    results[position] = { kind: 'failed', error };
  }
}

/**
 * Updates the matched contact in a savepoint, so that a row that fails
 * half-way leaves nothing behind, and on PostgreSQL a failed statement does
 * not abort the whole import. A row that changes nothing counts as skipped.
 */
async function updateRow(trx: Executor, row: PendingRow, contact: ContactRow, state: RowState): Promise<RowResult> {
  const { actor, business } = state.input;
  try {
    return await inSavepoint(trx, 'import_row', async () => {
      const before = await serializeWithAssignments(trx, contact, business);
      const result = await updateContact(trx, actor, contact.id, row.converted.input, writeOptions(state));
      if (result.contact.updatedAt === before.updatedAt) return { kind: 'updated', result, changed: null };
      const changed = { id: contact.id, before: writableView(before) as ContactInput, updatedAt: result.contact.updatedAt };
      await recordUpdated(trx, state.input.importId, changed);
      return { kind: 'updated', result, changed };
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    return { kind: 'failed', error };
  }
}

/** Adds a row's result to the outcome. */
function record(state: RowState, row: PendingRow, result: RowResult): void {
  const { outcome } = state;
  const { converted } = row;
  switch (result.kind) {
    case 'rejected':
      rejectRow(state, converted, result.issues);
      return;
    case 'failed':
      rejectRow(state, converted, useCaseIssues(state, converted, result.error));
      return;
    case 'existing': {
      acceptRow(state, converted, row.fileKeys);
      outcome.totals.skipped += 1;
      const warning = result.visibleName === null
        ? rowIssue(state, converted, null, 'import_existing_hidden')
        : rowIssue(state, converted, null, 'import_existing', {
          code: result.contact.code,
          name: result.visibleName,
          contactId: result.contact.id,
        });
      addWarnings(state, [warning]);
      return;
    }
    case 'created':
      acceptRow(state, converted, row.fileKeys);
      outcome.totals.created += 1;
      addResultWarnings(state, converted, result.result);
      return;
    case 'updated':
      acceptRow(state, converted, row.fileKeys);
      if (result.changed) {
        outcome.totals.updated += 1;
      } else {
        outcome.totals.skipped += 1;
      }
      addResultWarnings(state, converted, result.result);
      return;
  }
}
