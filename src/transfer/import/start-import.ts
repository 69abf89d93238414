/**
 * `POST /imports`: stores the uploaded file as a new import and runs it,
 * as a preview (`dryRun`) or as the import itself.
 */
import type { ContactActor } from '../../contacts/visibility.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import type { Locale } from '../../shared/messages.ts';
import { requireImportPermission, requireNoRunningImport } from './access.ts';
import { executeImport } from './execute.ts';
import type { ImportOptions } from './options.ts';
import { insertImport, type ImportRecord } from './store.ts';

export interface StartImportRequest {
  fileName: string;
  bytes: Buffer;
  options: ImportOptions;
  locale: Locale;
}

export async function startImport(db: Db, actor: ContactActor, request: StartImportRequest): Promise<ImportRecord> {
  requireImportPermission(actor, request.options);
  if (!request.options.dryRun) await requireNoRunningImport(db.kysely, actor.businessId, null);

  const importId = await insertImport(db.kysely, {
    businessId: actor.businessId,
    userId: actor.userId,
    fileName: request.fileName,
    bytes: request.bytes,
    options: request.options,
    status: 'running',
    keepFile: true,
  });
  try {
    return await executeImport({ db, actor, locale: request.locale, importId, bytes: request.bytes, options: request.options, total: null });
  } catch (error) {
    // A file that cannot be read leaves no import behind: the caller gets
    // the reason and can send another file.
    if (error instanceof AppError && error.status < 500) {
      await db.kysely.deleteFrom('imports').where('id', '=', importId).execute();
    }
    throw error;
  }
}
