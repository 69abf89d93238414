/**
 * Who may see and change which contacts. Permissions go by side: `customer.*`
 * for customers, `supplier.*` for suppliers, both sides for a `both` contact.
 * "View own" limits a side to the contacts the user created or is assigned
 * to. A contact the caller may not see returns 404, like another business's.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { inLists } from '../db/batches.ts';
import type { Executor } from '../db/database.ts';
import type { ContactRow, Database } from '../db/schema.ts';
import { AppError, forbidden, notFound } from '../shared/errors.ts';
import type { ContactType } from './model.ts';

/** The caller of a contact use case: an authenticated user, or the importer acting for one. */
export interface ContactActor {
  businessId: string;
  /** Null for system work (command line), which then needs `isAdmin`. */
  userId: string | null;
  isAdmin: boolean;
  permissions: ReadonlySet<string>;
}

type Side = 'customer' | 'supplier';
type Action = 'create' | 'update' | 'delete';
type Scope = 'all' | 'own' | 'none';

export function sidesOf(type: ContactType): Side[] {
  return type === 'both' ? ['customer', 'supplier'] : [type];
}

function holds(actor: ContactActor, permission: string): boolean {
  return actor.isAdmin || actor.permissions.has(permission);
}

function viewScope(actor: ContactActor, side: Side): Scope {
  if (holds(actor, `${side}.view`)) return 'all';
  if (holds(actor, `${side}.view_own`)) return 'own';
  return 'none';
}

/** Throws 403 unless the actor holds `side.action` for every side of `type`. */
export function requireContactPermission(actor: ContactActor, type: ContactType, action: Action): void {
  for (const side of sidesOf(type)) {
    if (!holds(actor, `${side}.${action}`)) throw forbidden(`${side}.${action}`);
  }
}

/** Throws 403 unless the actor may do `action` on at least one side. */
export function requireAnyContactPermission(actor: ContactActor, action: Action): void {
  if (!holds(actor, `customer.${action}`) && !holds(actor, `supplier.${action}`)) {
    throw forbidden(`customer.${action}`);
  }
}

/** Returns the actor's widest view scope over the sides of `type`. */
function widestScope(actor: ContactActor, type: ContactType): Scope {
  const scopes = sidesOf(type).map((side) => viewScope(actor, side));
  if (scopes.includes('all')) return 'all';
  return scopes.includes('own') ? 'own' : 'none';
}

/** Whether the actor sees a contact of `type`; `isOwn` is asked only when needed. */
export async function canView(
  actor: ContactActor,
  type: ContactType,
  isOwn: () => Promise<boolean>,
): Promise<boolean> {
  const scope = widestScope(actor, type);
  if (scope === 'own') return isOwn();
  return scope === 'all';
}

/** A contact with the columns that decide who may view it. */
export interface OwnedContact {
  id: string;
  type: string;
  createdBy: string | null;
}

/**
 * Returns a test of whether the actor may view each contact of `contacts`,
 * or any contact the actor creates later, with the rules of `canView`. One
 * query per list of ids reads the assignments that "view own" needs.
 */
export async function loadViewTest(
  db: Executor,
  actor: ContactActor,
  contacts: readonly OwnedContact[],
): Promise<(contact: OwnedContact) => boolean> {
  const scopeOf = (contact: OwnedContact) => widestScope(actor, contact.type as ContactType);
  const createdByActor = (contact: OwnedContact) => actor.userId !== null && contact.createdBy === actor.userId;
  const unsure = contacts.filter((contact) => scopeOf(contact) === 'own' && !createdByActor(contact));
  const assigned = new Set<string>();
  if (actor.userId !== null && unsure.length > 0) {
    for (const slice of inLists([...new Set(unsure.map((contact) => contact.id))])) {
      const rows = await db
        .selectFrom('contact_assignments')
        .select('contact_id')
        .where('business_id', '=', actor.businessId)
        .where('user_id', '=', actor.userId)
        .where('contact_id', 'in', slice)
        .execute();
      for (const row of rows) assigned.add(row.contact_id);
    }
  }
  return (contact) => {
    const scope = scopeOf(contact);
    if (scope === 'own') return createdByActor(contact) || assigned.has(contact.id);
    return scope === 'all';
  };
}

async function isOwnContact(db: Executor, actor: ContactActor, row: ContactRow): Promise<boolean> {
  if (actor.userId === null) return false;
  if (row.created_by === actor.userId) return true;
  const assignment = await db
    .selectFrom('contact_assignments')
    .select('user_id')
    .where('business_id', '=', actor.businessId)
    .where('contact_id', '=', row.id)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  return assignment !== undefined;
}

/** The contact if it belongs to the actor's business and the actor may see it, else 404. */
export async function loadVisibleContact(db: Executor, actor: ContactActor, id: string): Promise<ContactRow> {
  const row = await loadContactRow(db, actor.businessId, id);
  if (!row) throw await missingContactError(db, actor, id);
  const visible = await canView(actor, row.type as ContactType, () => isOwnContact(db, actor, row));
  if (!visible) throw notFound('contact');
  return row;
}

function loadContactRow(db: Executor, businessId: string, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').selectAll().where('business_id', '=', businessId).where('id', '=', id).executeTakeFirst();
}

/** Maximum number of merges followed from a merged contact to the contact that now has its history. */
const MAX_MERGE_STEPS = 20;

/**
 * Returns the error for a contact id that the business does not have. When
 * a merge deleted that contact, a page or till still showing it gets 404
 * `contact_merged`, which names the contact that now has its history and
 * gives its id, name and code in `keptId`, `keptName` and `keptCode`. The
 * merges are followed from the audit log's `merged_into` entries. A kept
 * contact the actor may not view, or any other missing id, gives the plain
 * 404.
 */
export async function missingContactError(db: Executor, actor: ContactActor, id: string): Promise<AppError> {
  let mergedCode: string | null = null;
  let currentId = id;
  for (let step = 0; step < MAX_MERGE_STEPS; step += 1) {
    const entry = await db
      .selectFrom('audit_log')
      .select('changes')
      .where('business_id', '=', actor.businessId)
      .where('entity_type', '=', 'contact')
      .where('entity_id', '=', currentId)
      .where('action', '=', 'merged_into')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!entry) break;
    const merge = JSON.parse(entry.changes) as { keptId?: string; code?: string };
    if (typeof merge.keptId !== 'string') break;
    mergedCode ??= merge.code ?? null;
    const kept = await loadContactRow(db, actor.businessId, merge.keptId);
    if (!kept) {
      currentId = merge.keptId;
      continue;
    }
    if (mergedCode === null || !(await canView(actor, kept.type as ContactType, () => isOwnContact(db, actor, kept)))) break;
    const extra = { keptId: kept.id, keptName: kept.name, keptCode: kept.code };
    return new AppError('contact_merged', { mergedCode, name: kept.name, code: kept.code }, [], extra);
  }
  return notFound('contact');
}

type ContactsBuilder = ExpressionBuilder<Database, 'contacts'>;

const sideTypes: Record<Side, ContactType[]> = {
  customer: ['customer', 'both'],
  supplier: ['supplier', 'both'],
};

/** The contacts of each side that an actor may view: all, its own, or none. */
export type ViewScopes = Record<Side, Scope>;

/**
 * Returns the actor's scope on each side, or null when it may view every
 * contact. Throws 403 when it may view none.
 */
export function contactViewScopes(actor: ContactActor): ViewScopes | null {
  const scopes = { customer: viewScope(actor, 'customer'), supplier: viewScope(actor, 'supplier') };
  if (scopes.customer === 'all' && scopes.supplier === 'all') return null;
  if (scopes.customer === 'none' && scopes.supplier === 'none') throw forbidden('customer.view');
  return scopes;
}

/**
 * Builds the condition keeping the contacts visible with `scopes` to the
 * user `userId` of `businessId`. Without a user, "own" keeps nothing.
 */
export function visibleContactsCondition(
  eb: ContactsBuilder,
  scopes: ViewScopes,
  businessId: string,
  userId: string | null,
): Expression<SqlBool> {
  const own = (user: string) =>
    eb.or([
      eb('contacts.created_by', '=', user),
      eb.exists(
        eb
          .selectFrom('contact_assignments')
          .select('contact_assignments.user_id')
          .whereRef('contact_assignments.contact_id', '=', 'contacts.id')
          .where('contact_assignments.business_id', '=', businessId)
          .where('contact_assignments.user_id', '=', user),
      ),
    ]);
  const allowed: Expression<SqlBool>[] = [];
  for (const side of ['customer', 'supplier'] as const) {
    const ofSide = eb('contacts.type', 'in', sideTypes[side]);
    if (scopes[side] === 'all') allowed.push(ofSide);
    if (scopes[side] === 'own' && userId !== null) allowed.push(eb.and([ofSide, own(userId)]));
  }
  return allowed.length > 0 ? eb.or(allowed) : sql<SqlBool>`1 = 0`;
}

/**
 * A filter on `contacts` keeping the rows the actor may see, or null when it
 * sees them all. Throws 403 when it may see none.
 */
export function visibleContactsFilter(
  actor: ContactActor,
): ((eb: ContactsBuilder) => Expression<SqlBool>) | null {
  const scopes = contactViewScopes(actor);
  if (!scopes) return null;
  return (eb) => visibleContactsCondition(eb, scopes, actor.businessId, actor.userId);
}
