/** Import permissions, and the rule of one running import per business. */
import type { ContactActor } from '../../contacts/visibility.ts';
import type { Executor } from '../../db/database.ts';
import { AppError, forbidden } from '../../shared/errors.ts';
import { isRunningHere } from './jobs.ts';
import { importKindOf, type ImportOptions } from './options.ts';

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

/** An import left `running` by a process that stopped is not waited for after this long. */
// TODO: such an import keeps the status `running` for good; nothing marks it failed after a restart.
const STALE_RUN_MS = 5 * 60 * 1000;

/** Throws 409 `import_busy` while another import of the business is running. */
export async function requireNoRunningImport(db: Executor, businessId: string, exceptId: string | null): Promise<void> {
  const since = new Date(Date.now() - STALE_RUN_MS).toISOString();
  const rows = await db
    .selectFrom('imports')
    .select(['id', 'updated_at'])
    .where('business_id', '=', businessId)
    .where('status', '=', 'running')
    .execute();
  const busy = rows.some((row) => row.id !== exceptId && (isRunningHere(row.id) || row.updated_at >= since));
  if (busy) throw new AppError('import_busy');
}
