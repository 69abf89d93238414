/**
 * Runs a sales import for its id, as execute.ts runs a contact import: it
 * loads what the rows need and, on commit, stores the outcome, the saved
 * column choices and the audit entry in the import's own transaction, or
 * rolls back if another instance has marked the import interrupted.
 */
import { recordAudit } from '../../../auth/audit.ts';
import { loadContactBusiness } from '../../../contacts/business.ts';
import { todayIn } from '../../../contacts/fields.ts';
import type { Db, Executor } from '../../../db/database.ts';
import type { Actor } from '../../../ledger/actor.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Locale } from '../../../shared/messages.ts';
import type { ImportActor } from '../access.ts';
import type { Progress } from '../jobs.ts';
import type { ImportOptions } from '../options.ts';
import { saveOutcome } from '../store.ts';
import { loadSavedSaleMappings, saveSaleMappings } from './mappings.ts';
import { runSalesImport, type SalesRunOutcome } from './run-sales-import.ts';

export interface SalesExecution {
  db: Db;
  actor: ImportActor;
  locale: Locale;
  importId: string;
  bytes: Buffer;
  options: ImportOptions;
  progress: Progress;
  signal: AbortSignal;
  onTick?: () => Promise<void>;
}

export async function executeSalesImport(request: SalesExecution): Promise<SalesRunOutcome> {
  const { db, importId, options } = request;
  const business = await loadContactBusiness(db.kysely, request.actor.businessId);
  const actor: Actor = {
    businessId: request.actor.businessId,
    userId: request.actor.userId,
    isAdmin: request.actor.isAdmin,
    permissions: request.actor.permissions,
    defaultLocationId: request.actor.defaultLocationId ?? null,
    locale: request.locale,
  };
  const outcome = await runSalesImport(db, {
    importId,
    bytes: request.bytes,
    options,
    actor,
    country: business.country,
    context: {
      currency: business.currency,
      numberLocale: options.numberLocale ?? request.locale,
      dateOrder: options.dateOrder ?? 'dmy',
      today: todayIn(business.timezone),
    },
    saved: await loadSavedSaleMappings(db.kysely, business.id),
    progress: request.progress,
    signal: request.signal,
    onTick: request.onTick,
    beforeCommit: (trx, committed) => recordCommit(trx, request, committed),
  });
  if (outcome.status !== 'committed') await saveOutcome(db.kysely, importId, outcome, true);
  return outcome;
}

async function recordCommit(trx: Executor, request: SalesExecution, outcome: SalesRunOutcome): Promise<void> {
  const { actor, importId, options } = request;
  if (!(await saveOutcome(trx, importId, outcome, false))) throw new AppError('import_interrupted');
  if (options.mapping && options.saveMapping !== false) await saveSaleMappings(trx, actor.businessId, actor.userId, outcome.columns);
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'import',
    entityId: importId,
    action: 'committed',
    changes: { kind: 'sales', ...outcome.totals },
  });
}
