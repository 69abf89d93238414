/** Import permissions, who may see an import, and the rule of one running import per business. */
import type { ContactActor } from '../../contacts/visibility.ts';
import type { Db } from '../../db/database.ts';
import { AppError, forbidden, notFound } from '../../shared/errors.ts';
import { markInterruptedImports, type RunLog } from './interrupted-runs.ts';
import { importKindOf, type ImportOptions } from './options.ts';
import type { ImportRecord } from './store.ts';

function holds(actor: ContactActor, permission: string): boolean {
  return actor.isAdmin || actor.permissions.has(permission);
}

/** The actor of an import: a user, or the command line as an administrator. Imported sales go to its default location. */
export type ImportActor = ContactActor & { defaultLocationId?: string | null };

/**
 * Throws 403 unless the actor may create contacts of some type (and, for an
 * upsert, may create or update some), or sales for a sales import. Each row
 * is then checked by its use case.
 */
export function requireImportPermission(actor: ContactActor, options: Pick<ImportOptions, 'mode' | 'kind'>): void {
  if (importKindOf(options) === 'sales') {
    if (!holds(actor, 'sale.create')) throw forbidden('sale.create');
    return;
  }
  const actions = options.mode === 'upsert' ? ['create', 'update'] : ['create'];
  const allowed = actions.some((action) => holds(actor, `customer.${action}`) || holds(actor, `supplier.${action}`));
  if (!allowed) throw forbidden('customer.create');
}

/**
 * Throws 409 `import_busy` while another import of the business is running,
 * after marking interrupted those whose process has stopped.
 */
export async function requireNoRunningImport(db: Db, businessId: string, exceptId: string | null, log?: RunLog): Promise<void> {
  await markInterruptedImports(db, { businessId }, log);
  const rows = await db.kysely
    .selectFrom('imports')
    .select('id')
    .where('business_id', '=', businessId)
    .where('status', '=', 'running')
    .execute();
  if (rows.some((row) => row.id !== exceptId)) throw new AppError('import_busy');
}

/**
 * Returns the sides of the contacts an import may read or write. A sales
 * import, and a contact import that maps no column to the contact type, write
 * customers only, because a row without a type is a customer. Any other
 * import counts as both sides, and so does one whose columns are not stored
 * yet (running, or failed before its header was read).
 */
function importSides(record: Pick<ImportRecord, 'options' | 'columns'>): Array<'customer' | 'supplier'> {
  if (importKindOf(record.options) === 'sales') return ['customer'];
  const typeMapped = record.columns.length === 0 || record.columns.some((column) => column.field === 'type');
  return typeMapped ? ['customer', 'supplier'] : ['customer'];
}

/**
 * Returns whether the actor may read the import. A user who may view every
 * contact of its sides may read every import, and any other user only the
 * imports they ran themselves.
 */
export function mayViewImport(actor: ContactActor, record: Pick<ImportRecord, 'options' | 'columns' | 'userId'>): boolean {
  if (importSides(record).every((side) => holds(actor, `${side}.view`))) return true;
  return actor.userId !== null && record.userId === actor.userId;
}

/** Throws 404, as for an import that does not exist, unless the actor may see the import. */
export function requireImportVisible(actor: ContactActor, record: Pick<ImportRecord, 'options' | 'columns' | 'userId'>): void {
  if (!mayViewImport(actor, record)) throw notFound('import');
}
