/**
 * Saved contact lists of each user: a name, the list's filters (as its
 * query parameters), a sort and the visible columns. A view belongs to the
 * user who saved it, and another user's view is not found (404).
 */
import { z } from 'zod';
import type { Executor } from '../../db/database.ts';
import type { ContactViewTable } from '../../db/schema.ts';
import { isUniqueViolation } from '../../auth/db-errors.ts';
import { AppError, type FieldIssue, IssueList, invalid, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { requireFiguresForList } from '../hide-figures.ts';
import { customFieldKeys } from '../model.ts';
import { type ContactActor, visibleContactsFilter } from '../visibility.ts';
import { checkFilterRefs, type ContactFilters, filterParams, filtersToParams, readContactFilters } from './filters.ts';
import { foldText } from './fold.ts';
import { type SortSpec, sortFields, sortOrders } from './sort.ts';

/** Columns the contact table can show. */
export const contactColumns = [
  'code', 'name', 'type', 'kind', 'firstName', 'lastName', 'businessName', 'mobile', 'alternateNumber',
  'landline', 'email', 'taxNumber', 'addressLine1', 'city', 'zipCode', 'state', 'country', 'dateOfBirth',
  'customerGroup', 'creditLimit', 'payTerm', 'openingBalance', 'balance', 'receivable', 'payable', 'advance',
  'loyaltyCardNumber', 'points', 'status', 'assignedUsers', 'createdAt', 'lastActivity',
  ...customFieldKeys,
] as const;

export const MAX_VIEWS_PER_USER = 100;

const sortSchema = z.strictObject({ field: z.enum(sortFields), order: z.enum(sortOrders).default('asc') });

const knownColumns: ReadonlySet<string> = new Set(contactColumns);

/**
 * Visible columns, each at most once, because the table would show a
 * repeated one twice. Through `when`, the repeat check runs even when an
 * unknown column failed the enum, so that one 422 names both mistakes.
 */
const columnsSchema = z.array(z.enum(contactColumns)).max(contactColumns.length).superRefine((columns, context) => {
  const firstIndex = new Map<string, number>();
  columns.forEach((column, index) => {
    if (!knownColumns.has(column)) return;
    const first = firstIndex.get(column);
    if (first === undefined) {
      firstIndex.set(column, index);
      return;
    }
    context.addIssue({
      code: 'custom',
      path: [index],
      input: column,
      params: { code: 'view_column_repeated', position: String(index + 1), first: String(first + 1) },
    });
  });
}, { when: (payload) => Array.isArray(payload.value) });

export const viewInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  filters: z.object(filterParams).catchall(z.string()).default({})
    .describe('The list\'s filter parameters, e.g. { "type": "customer", "overdue": "true", "customField[custom1]": "vip" }'),
  sort: sortSchema.nullable().default(null),
  columns: columnsSchema.default([]),
});

export const viewPatch = z.strictObject({
  name: viewInput.shape.name.optional(),
  filters: z.object(filterParams).catchall(z.string()).optional(),
  sort: sortSchema.nullable().optional(),
  // Not viewInput's columns, whose default would clear the columns of a view renamed or sorted again.
  columns: columnsSchema.optional(),
});

export type ViewInput = z.infer<typeof viewInput>;
export type ViewPatch = z.infer<typeof viewPatch>;

export interface ViewJson {
  id: string;
  name: string;
  filters: Record<string, string>;
  sort: SortSpec | null;
  columns: string[];
  createdAt: string;
  updatedAt: string;
}

function toJson(row: ContactViewTable): ViewJson {
  return {
    id: row.id,
    name: row.name,
    filters: JSON.parse(row.filters) as Record<string, string>,
    sort: JSON.parse(row.sort) as SortSpec | null,
    columns: JSON.parse(row.columns) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const viewFilterSource = { prefix: 'filters.', unknownPath: (key: string) => `filters.${key}` };

/** Reads the filters of a view as the list reads its query, adding an issue for each invalid one. */
async function readViewFilters(
  db: Executor,
  actor: ContactActor,
  filters: Record<string, unknown>,
  issues: IssueList,
  checkRefs: boolean,
): Promise<ContactFilters> {
  const read = readContactFilters(filters, new Set(), issues, viewFilterSource);
  if (checkRefs) await checkFilterRefs(db, actor.businessId, read, issues, viewFilterSource);
  return read;
}

/**
 * Checks the filters and sort as the list would, the figures a user without
 * `ledger.view` may not use included, and returns the filters in canonical form.
 */
async function canonicalFilters(
  db: Executor,
  actor: ContactActor,
  filters: Record<string, unknown>,
  sort: SortSpec | null,
  checkRefs = true,
): Promise<Record<string, string>> {
  const issues = new IssueList();
  const read = await readViewFilters(db, actor, filters, issues, checkRefs);
  issues.throwIfAny();
  requireFiguresForList(actor, read, sort);
  return filtersToParams(read);
}

/**
 * Throws one 422 for a view request that the route's schema rejected. It
 * contains the schema's issues (`found`) and those of each filter that the
 * schema accepted but the list would reject (a bad date, an unknown key or
 * group), so that one response names every invalid filter. A user who may
 * view no contact gets the 403 first, as for a valid request.
 */
export async function rejectViewRequest(db: Executor, actor: ContactActor, body: unknown, found: FieldIssue[]): Promise<never> {
  requireUser(actor);
  const issues = new IssueList();
  issues.items.push(...found);
  const filters = isPlainObject(body) ? body.filters : undefined;
  if (isPlainObject(filters) && !found.some((issue) => issue.path === 'filters')) {
    // A filter the schema already reported is left out, so that no filter is reported twice.
    const reported = (key: string) =>
      found.some((issue) => issue.path === `filters.${key}` || issue.path.startsWith(`filters.${key}.`));
    const accepted = Object.fromEntries(Object.entries(filters).filter(([key]) => !reported(key)));
    await readViewFilters(db, actor, accepted, issues, true);
  }
  throw invalid(issues.items);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function requireUser(actor: ContactActor): string {
  // Saved views belong to a user; system work has none to save them for.
  visibleContactsFilter(actor);
  if (actor.userId === null) throw new AppError('forbidden', { permission: 'customer.view' });
  return actor.userId;
}

async function loadOwnView(db: Executor, actor: ContactActor, id: string): Promise<ContactViewTable> {
  const row = await db
    .selectFrom('contact_views')
    .selectAll()
    .where('business_id', '=', actor.businessId)
    .where('user_id', '=', requireUser(actor))
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('contact view');
  return row;
}

/** Returns the name of the actor's view whose name folds as `name` does, other than `exceptId`. */
async function nameHolder(db: Executor, actor: ContactActor, name: string, exceptId: string | null): Promise<string | undefined> {
  const holder = await db
    .selectFrom('contact_views')
    .select('name')
    .where('business_id', '=', actor.businessId)
    .where('user_id', '=', requireUser(actor))
    .where('name_key', '=', foldText(name))
    .$if(exceptId !== null, (query) => query.where('id', '!=', exceptId as string))
    .executeTakeFirst();
  return holder?.name;
}

/**
 * Rejects a name that another view of the actor has, with case and accents
 * ignored, and names the view that has it. Two requests at the same instant
 * can both pass this check, and the unique index on `name_key` then rejects
 * the second (see `withNameTakenError`).
 */
async function assertNameFree(db: Executor, actor: ContactActor, name: string, exceptId: string | null) {
  const holder = await nameHolder(db, actor, name, exceptId);
  if (holder !== undefined) throw nameTaken(holder);
}

function nameTaken(holderName: string): AppError {
  return new AppError('view_name_taken', { name: holderName }, [{ path: 'name', code: 'view_name_taken', params: { name: holderName } }]);
}

/**
 * Runs `save`, and turns the unique index's rejection of a name into the
 * 409 `view_name_taken` that `assertNameFree` gives, naming the view that
 * was saved first. The view is read after the failed transaction, because
 * PostgreSQL accepts no further statement inside it.
 */
async function withNameTakenError<T>(db: Executor, actor: ContactActor, name: string | undefined, save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (name === undefined || !isUniqueViolation(error)) throw error;
    throw nameTaken((await nameHolder(db, actor, name, null)) ?? name);
  }
}

/**
 * Lists the actor's views by name, with case and accents ignored, so that
 * « Écarts » sorts under E on both engines. A user keeps at most
 * MAX_VIEWS_PER_USER views, so they are sorted here rather than in SQL.
 */
export async function listViews(db: Executor, actor: ContactActor): Promise<{ items: ViewJson[]; nextCursor: null }> {
  const rows = await db
    .selectFrom('contact_views')
    .selectAll()
    .where('business_id', '=', actor.businessId)
    .where('user_id', '=', requireUser(actor))
    .execute();
  const keyed = rows.map((row) => ({ row, key: [foldText(row.name), row.name, row.id].join('\u0000') }));
  keyed.sort(byKey);
  return { items: keyed.map(({ row }) => toJson(row)), nextCursor: null };
}

function byKey(a: { key: string }, b: { key: string }): number {
  if (a.key < b.key) return -1;
  return a.key > b.key ? 1 : 0;
}

export async function readView(db: Executor, actor: ContactActor, id: string): Promise<ViewJson> {
  return toJson(await loadOwnView(db, actor, id));
}

export async function createView(db: Executor, actor: ContactActor, input: ViewInput): Promise<ViewJson> {
  const userId = requireUser(actor);
  const filters = await canonicalFilters(db, actor, input.filters, input.sort);
  return withNameTakenError(db, actor, input.name, () => db.transaction().execute(async (trx) => {
    const count = await trx
      .selectFrom('contact_views')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('business_id', '=', actor.businessId)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    if (Number(count.count) >= MAX_VIEWS_PER_USER) {
      throw new AppError('view_limit_reached', { max: MAX_VIEWS_PER_USER });
    }
    await assertNameFree(trx, actor, input.name, null);
    const now = nowIso();
    const row: ContactViewTable = {
      id: newId(),
      business_id: actor.businessId,
      user_id: userId,
      name: input.name,
      name_key: foldText(input.name),
      filters: JSON.stringify(filters),
      sort: JSON.stringify(input.sort),
      columns: JSON.stringify(input.columns),
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('contact_views').values(row).execute();
    return toJson(row);
  }));
}

export async function updateView(db: Executor, actor: ContactActor, id: string, patch: ViewPatch): Promise<ViewJson> {
  return withNameTakenError(db, actor, patch.name, () => db.transaction().execute(async (trx) => {
    const row = await loadOwnView(trx, actor, id);
    if (patch.name !== undefined) await assertNameFree(trx, actor, patch.name, id);
    const sort = patch.sort === undefined ? (JSON.parse(row.sort) as SortSpec | null) : patch.sort;
    const filters = patch.filters ?? (JSON.parse(row.filters) as Record<string, string>);
    const changed: ContactViewTable = {
      ...row,
      name: patch.name ?? row.name,
      name_key: foldText(patch.name ?? row.name),
      // A view whose group or user was deleted since can still be renamed or
      // sorted: its stored ids are checked again only when its filters change.
      filters: JSON.stringify(await canonicalFilters(trx, actor, filters, sort, patch.filters !== undefined)),
      sort: patch.sort === undefined ? row.sort : JSON.stringify(patch.sort),
      columns: patch.columns === undefined ? row.columns : JSON.stringify(patch.columns),
      updated_at: nowIso(),
    };
    await trx
      .updateTable('contact_views')
      .set({
        name: changed.name,
        name_key: changed.name_key,
        filters: changed.filters,
        sort: changed.sort,
        columns: changed.columns,
        updated_at: changed.updated_at,
      })
      .where('id', '=', id)
      .execute();
    return toJson(changed);
  }));
}

export async function deleteView(db: Executor, actor: ContactActor, id: string): Promise<void> {
  const row = await loadOwnView(db, actor, id);
  await db.deleteFrom('contact_views').where('id', '=', row.id).execute();
}
