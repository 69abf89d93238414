/**
 * The column choices a business saved for its sales files. They share the
 * contact import's table under keys `sales:<normalised header>`: a
 * normalised header never contains a colon, so no contact header reads them,
 * and a `Référence` mapped for contacts does not decide a sales file.
 */
import type { Executor } from '../../../db/database.ts';
import { nowIso } from '../../../shared/ids.ts';
import { normaliseHeader } from '../../mapping/aliases.ts';
import { isSaleImportField, type SaleImportField } from './fields.ts';
import type { SaleColumnMapping } from './map-columns.ts';

const PREFIX = 'sales:';

/** Loads the saved choices, by normalised header. */
export async function loadSavedSaleMappings(db: Executor, businessId: string): Promise<Map<string, SaleImportField | null>> {
  const rows = await db
    .selectFrom('import_mappings')
    .select(['header', 'field'])
    .where('business_id', '=', businessId)
    .where('header', 'like', `${PREFIX}%`)
    .execute();
  const saved = new Map<string, SaleImportField | null>();
  for (const row of rows) {
    if (row.field === null || isSaleImportField(row.field)) saved.set(row.header.slice(PREFIX.length), row.field);
  }
  return saved;
}

/** Saves the user's choice for each column with a header. */
export async function saveSaleMappings(
  db: Executor,
  businessId: string,
  userId: string | null,
  columns: SaleColumnMapping[],
): Promise<void> {
  const now = nowIso();
  for (const column of columns) {
    if (column.source !== 'user') continue;
    const header = normaliseHeader(column.header);
    if (!header) continue;
    await db
      .insertInto('import_mappings')
      .values({ business_id: businessId, header: `${PREFIX}${header}`, field: column.field, updated_by: userId, updated_at: now })
      .onConflict((conflict) =>
        conflict.columns(['business_id', 'header']).doUpdateSet({ field: column.field, updated_by: userId, updated_at: now }),
      )
      .execute();
  }
}
