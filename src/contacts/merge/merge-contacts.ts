/**
 * Merges duplicate contacts into one. Everything that points at a merged
 * contact moves to the kept one (see contact-references.ts), the kept
 * contact's cached figures are computed again from its ledger and open
 * items, the merged contacts are deleted, and the audit log records it.
 * A dry run does all of it in a transaction that is then rolled back, so it
 * returns exactly what the merge would give.
 */
import { sql } from 'kysely';
import { recordAudit, diffFields } from '../../auth/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { ContactRow, ContactUpdate } from '../../db/schema.ts';
import { isPostgres } from '../../ledger/engine.ts';
import { AppError, type FieldIssue, forbidden, invalid, IssueList, notFound } from '../../shared/errors.ts';
import { loadContactBusiness } from '../business.ts';
import { nextVersion } from '../contact-version.ts';
import { checkMergedMoneyFields } from '../money-rules.ts';
import { findKeyMatches } from '../duplicates.ts';
import { loyaltyCardKey } from '../search/search-terms.ts';
import { type ContactJson, serializeContact, serializeWithAssignments } from '../serialize.ts';
import { type ContactActor, loadViewTest, loadVisibleContact } from '../visibility.ts';
import { recomputeFigures } from './contact-figures.ts';
import { contactReferences } from './contact-references.ts';
import { checkFieldChoices, checkSupplierChoices, mergeableFields, mergedValues } from './merge-fields.ts';
import { keepMergedValues, writeLeftoverNotes } from './merge-leftovers.ts';
import type { NoteJson } from '../notes.ts';
import { consolidateOpeningBalances, retireMergedOpeningBalances } from './merge-opening-balance.ts';
import { netOpenItems } from '../../ledger/net-items.ts';

export const MAX_MERGED_CONTACTS = 20;
export const MERGE_PERMISSION = 'contact.merge';

export interface MergeInput {
  keepId: string;
  mergeIds: string[];
  /** Field name to the id (kept or merged) whose value the kept contact takes. */
  fields?: Record<string, string>;
  dryRun?: boolean;
}

export interface MergeResult {
  dryRun: boolean;
  contact: ContactJson;
  merged: { id: string; code: string; name: string }[];
  /** Rows moved to the kept contact, by kind. */
  moved: Record<string, number>;
  /** Fields of the kept contact that the merge changed. */
  changes: { field: string; from: unknown; to: unknown }[];
  /** Notes added on the kept contact, listing the merged contacts' values it did not take. */
  notes: NoteJson[];
}

/** Carries a dry run's result out of the transaction it rolls back. */
class DryRunRollback extends Error {
  constructor(readonly result: MergeResult) {
    super('merge dry run');
  }
}

function checkInput(input: MergeInput): void {
  const issues = new IssueList();
  const unique = new Set(input.mergeIds);
  if (input.mergeIds.length === 0) issues.add('mergeIds', 'required');
  if (input.mergeIds.length > MAX_MERGED_CONTACTS) issues.add('mergeIds', 'merge_too_many', { max: MAX_MERGED_CONTACTS });
  if (unique.size !== input.mergeIds.length) issues.add('mergeIds', 'merge_repeated_contact');
  if (unique.has(input.keepId)) issues.add('mergeIds', 'merge_keeps_itself');
  for (const issue of checkFieldChoices(input.fields ?? {}, new Set([input.keepId, ...input.mergeIds]))) {
    issues.add(issue.path, issue.code, issue.params);
  }
  issues.throwIfAny();
}

/** Throws 403 naming `contact.merge` unless the actor is an admin or has it. */
function requireMergePermission(actor: ContactActor): void {
  if (!actor.isAdmin && !actor.permissions.has(MERGE_PERMISSION)) throw forbidden(MERGE_PERMISSION);
}

export async function mergeContacts(db: Executor, actor: ContactActor, input: MergeInput): Promise<MergeResult> {
  requireMergePermission(actor);
  checkInput(input);
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await mergeInTransaction(trx, actor, input);
      if (input.dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    throw error;
  }
}

async function mergeInTransaction(trx: Executor, actor: ContactActor, input: MergeInput): Promise<MergeResult> {
  const { kept, merged } = await lockContacts(trx, actor, input);
  const mergeIds = merged.map((row) => row.id);
  const values = mergedValues(kept, merged, input.fields ?? {});
  const supplierIssues = checkSupplierChoices(kept, values, input.fields ?? {});
  if (supplierIssues.length > 0) throw invalid(supplierIssues);
  checkMergedMoneyFields(actor, kept, values);
  const leftovers = keepMergedValues(kept, merged, input.fields ?? {}, values);

  const retired = await retireMergedOpeningBalances(trx, actor, kept, merged);
  const moved = await moveReferences(trx, actor.businessId, kept.id, mergeIds);
  const opening = await consolidateOpeningBalances(trx, actor, kept, retired);

  await trx.deleteFrom('contacts').where('business_id', '=', actor.businessId).where('id', 'in', mergeIds).execute();
  await checkKeptCard(trx, actor, kept, values);
  const figures = await recomputeFigures(trx, actor.businessId, kept.id);
  await trx
    .updateTable('contacts')
    .set({ ...values, ...figures, ...opening, ...nextVersion() })
    .where('business_id', '=', actor.businessId)
    .where('id', '=', kept.id)
    .execute();
  await netOpenItems(trx, actor.businessId, kept.id, actor.userId);
  const business = await loadContactBusiness(trx, actor.businessId);
  const notes = await writeLeftoverNotes(trx, actor, kept.id, business, leftovers);

  const after = await trx.selectFrom('contacts').selectAll().where('id', '=', kept.id).executeTakeFirstOrThrow();
  const contact = await serializeWithAssignments(trx, after, business);
  const before = { ...changedFieldsView(serializeContact(kept, business, [])), language: kept.language ?? null };
  const changes = diffFields(before, { ...changedFieldsView(contact), language: after.language ?? null });
  await recordMerge(trx, actor, kept, merged, moved, changes, notes);

  return {
    dryRun: input.dryRun === true,
    contact,
    merged: merged.map((row) => ({ id: row.id, code: row.code, name: row.name })),
    moved,
    changes,
    notes,
  };
}

/**
 * Rejects a new card of the kept contact whose key another contact has.
 * The merged contacts are deleted by then, so only contacts outside the
 * merge count.
 */
async function checkKeptCard(trx: Executor, actor: ContactActor, kept: ContactRow, values: ContactUpdate): Promise<void> {
  const card = values.loyalty_card_number;
  if (card === undefined || card === null) return;
  if (kept.loyalty_card_number !== null && loyaltyCardKey(card) === loyaltyCardKey(kept.loyalty_card_number)) return;
  const keys = { mobileE164: null, mobileDigits: null, emailKey: null, taxNumberKey: null, loyaltyCardNumber: card, code: null };
  const holder = (await findKeyMatches(trx, actor.businessId, keys, kept.id)).loyaltyCard;
  if (!holder) return;
  const mayView = await loadViewTest(trx, actor, [holder]);
  const params = mayView(holder) ? { value: card, name: holder.name, code: holder.code } : { value: card };
  throw invalid([{ path: 'fields.loyaltyCardNumber', code: 'merge_card_taken', params }]);
}

/**
 * Fields a merge may change, by their API names: the mergeable ones and the
 * consolidated opening balance. The message language is compared beside them.
 */
const changedFields = [...Object.keys(mergeableFields), 'openingBalance', 'openingBalanceDate'] as (keyof ContactJson)[];

function changedFieldsView(contact: ContactJson): Record<string, unknown> {
  return Object.fromEntries(changedFields.map((field) => [field, contact[field]]));
}

/**
 * Reads the contacts (each must be visible to the actor, else 404) and, on
 * PostgreSQL, locks their rows in id order. Every merge locks in that order,
 * so two merges, or a merge and a posting, wait for each other instead of
 * deadlocking.
 */
async function lockContacts(trx: Executor, actor: ContactActor, input: MergeInput) {
  const ids = [input.keepId, ...input.mergeIds];
  await checkContactsFound(trx, actor, input);
  let query = trx
    .selectFrom('contacts')
    .selectAll()
    .where('business_id', '=', actor.businessId)
    .where('id', 'in', ids)
    .orderBy('id');
  if (isPostgres(trx)) query = query.forUpdate();
  const rows = await query.execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const kept = byId.get(input.keepId);
  if (!kept || rows.length !== ids.length) {
    // Another merge deleted a contact while this one waited for its lock, so name it as a missing one.
    await checkContactsFound(trx, actor, input);
    throw notFound('contact');
  }
  const merged = input.mergeIds.map((id) => byId.get(id) as ContactRow);
  rejectAnonymised(kept, merged);
  return { kept, merged };
}

/**
 * Rejects a merge that includes an anonymised contact. Its personal data was
 * erased so that its history is tied to no one. Kept, it would take the
 * other contacts' data, and merged, its history would join a named contact.
 */
function rejectAnonymised(kept: ContactRow, merged: ContactRow[]): void {
  const places: [path: string, row: ContactRow][] = [['keepId', kept], ...merged.map((row, i): [string, ContactRow] => [`mergeIds.${i}`, row])];
  const anonymised = places.filter(([, row]) => row.anonymised_at !== null);
  const first = anonymised[0];
  if (!first) return;
  const issues = anonymised.map(([path, row]) => ({ path, code: 'merge_contact_anonymised', params: { code: row.code } }));
  throw new AppError('merge_contact_anonymised', { code: first[1].code }, issues);
}

/**
 * Throws 404 `merge_contact_not_found` naming every id that is no contact
 * the actor may view, with an issue at its place in the request. When each
 * such id is a contact that an earlier merge deleted, it throws 404
 * `contact_merged` instead, as the other contact routes do, naming the
 * contact that the first one went into.
 */
async function checkContactsFound(trx: Executor, actor: ContactActor, input: MergeInput): Promise<void> {
  const places: [path: string, id: string][] = [['keepId', input.keepId]];
  input.mergeIds.forEach((id, i) => places.push([`mergeIds.${i}`, id]));
  const issues: FieldIssue[] = [];
  const mergedErrors: AppError[] = [];
  for (const [path, id] of places) {
    try {
      await loadVisibleContact(trx, actor, id);
    } catch (error) {
      if (!(error instanceof AppError) || (error.code !== 'not_found' && error.code !== 'contact_merged')) throw error;
      if (error.code === 'contact_merged') {
        mergedErrors.push(error);
        issues.push({ path, code: 'merge_contact_merged', params: { value: id, ...error.params } });
      } else {
        issues.push({ path, code: 'not_found_ref', params: { value: id } });
      }
    }
  }
  if (issues.length === 0) return;
  const first = mergedErrors[0];
  if (first && mergedErrors.length === issues.length) throw new AppError('contact_merged', first.params, issues, first.extra);
  const ids = issues.map((issue) => issue.params?.value).join(', ');
  throw new AppError('merge_contact_not_found', { count: issues.length, ids }, issues);
}

async function moveReferences(
  trx: Executor,
  businessId: string,
  keepId: string,
  mergeIds: string[],
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const reference of contactReferences) {
    const table = sql.table(reference.table);
    const column = sql.ref(reference.column);
    if (reference.table === 'ledger_entries') {
      moved[reference.label] = await moveLedgerEntries(trx, businessId, keepId, mergeIds);
    } else if (reference.mode === 'update') {
      const result = await sql`update ${table} set ${column} = ${keepId}
        where business_id = ${businessId} and ${column} in (${sql.join(mergeIds)})`.execute(trx);
      moved[reference.label] = Number(result.numAffectedRows ?? 0);
    } else if (reference.mode === 'union') {
      moved[reference.label] = await moveUnion(trx, businessId, keepId, mergeIds, reference.table, reference.column, reference.key ?? []);
    } else {
      await rebuildLedgerTotals(trx, businessId, keepId, mergeIds);
    }
  }
  return moved;
}

/**
 * Moves the merged contacts' entries after the kept contact's own: each
 * contact's sequence numbers are shifted past the highest one so far, which
 * keeps them unique and keeps each contact's own order.
 */
async function moveLedgerEntries(trx: Executor, businessId: string, keepId: string, mergeIds: string[]): Promise<number> {
  let count = 0;
  for (const mergeId of mergeIds) {
    const top = await trx
      .selectFrom('ledger_entries')
      .select(sql<number | string>`coalesce(max(seq), 0)`.as('seq'))
      .where('business_id', '=', businessId)
      .where('contact_id', '=', keepId)
      .executeTakeFirstOrThrow();
    const result = await trx
      .updateTable('ledger_entries')
      .set({ contact_id: keepId, seq: sql`seq + ${Number(top.seq)}` })
      .where('business_id', '=', businessId)
      .where('contact_id', '=', mergeId)
      .executeTakeFirst();
    count += Number(result.numUpdatedRows);
  }
  return count;
}

/** Moves rows whose key the kept contact lacks; the others go when the merged contacts are deleted. */
async function moveUnion(
  trx: Executor,
  businessId: string,
  keepId: string,
  mergeIds: string[],
  tableName: string,
  columnName: string,
  key: string[],
): Promise<number> {
  const table = sql.table(tableName);
  const column = sql.ref(columnName);
  const sameKey = key.map((name) => sql`k.${sql.ref(name)} = ${table}.${sql.ref(name)}`);
  let count = 0;
  for (const mergeId of mergeIds) {
    const result = await sql`update ${table} set ${column} = ${keepId}
      where business_id = ${businessId} and ${column} = ${mergeId}
      and not exists (select 1 from ${table} k where k.business_id = ${businessId} and k.${column} = ${keepId}
        ${sameKey.length > 0 ? sql`and ${sql.join(sameKey, sql` and `)}` : sql``})`.execute(trx);
    count += Number(result.numAffectedRows ?? 0);
  }
  await sql`delete from ${table} where business_id = ${businessId} and ${column} in (${sql.join(mergeIds)})`.execute(trx);
  return count;
}

/** Day and month totals of the kept contact, summed again from its entries. */
async function rebuildLedgerTotals(trx: Executor, businessId: string, keepId: string, mergeIds: string[]) {
  await trx
    .deleteFrom('ledger_totals')
    .where('business_id', '=', businessId)
    .where('contact_id', 'in', [keepId, ...mergeIds])
    .execute();
  for (const [granularity, period] of [['day', sql`date`], ['month', sql`substr(date, 1, 7)`]] as const) {
    await sql`insert into ledger_totals (business_id, contact_id, granularity, period, location_id, debit, credit, entries)
      select business_id, contact_id, ${granularity}, ${period}, location_id, sum(debit), sum(credit), count(*)
      from ledger_entries where business_id = ${businessId} and contact_id = ${keepId}
      group by business_id, contact_id, ${period}, location_id`.execute(trx);
  }
}

async function recordMerge(
  trx: Executor,
  actor: ContactActor,
  kept: ContactRow,
  merged: ContactRow[],
  moved: Record<string, number>,
  changes: MergeResult['changes'],
  notes: NoteJson[],
) {
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'contact',
    entityId: kept.id,
    action: 'merge',
    changes: {
      mergedIds: merged.map((row) => row.id),
      mergedCodes: merged.map((row) => row.code),
      mergedNames: merged.map((row) => row.name),
      moved,
      fields: changes,
      // Only the note ids, because anonymisation erases personal values from audit entries by field name, and note text would escape it.
      noteIds: notes.map((note) => note.id),
    },
  });
  for (const row of merged) {
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'contact',
      entityId: row.id,
      action: 'merged_into',
      changes: { keptId: kept.id, keptCode: kept.code, code: row.code, name: row.name },
    });
  }
}

